using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Hardware;

namespace PiChassis.Controller.Panel;

/// <summary>
/// The operator's panel: slot and master buttons become commands on the engine loop, and the
/// LEDs follow the published slot states and the broker link. Nothing here polls: buttons raise
/// edges, the engine raises state changes, and each LED's own timer plays its pattern.
/// </summary>
public sealed partial class PanelService(
    ChassisDevices devices,
    PowerEngineLoop loop,
    ChassisEvents events,
    IBrokerStatus broker,
    TimeProvider time,
    IOptions<PanelOptions> options,
    ILogger<PanelService> logger) : IHostedService, IDisposable
{
    private readonly Dictionary<int, PanelLed> _slotLeds = [];
    private readonly List<(IButton Button, EventHandler<ButtonEdge> Handler, PressClassifier Classifier)> _buttons = [];
    private readonly HashSet<int> _faulted = [];
    private readonly Lock _gate = new();
    private PanelLed? _statusLed;

    /// <summary>The pattern a slot's LED shows now; null when the slot has no LED or the panel is not running.</summary>
    public LedPattern? SlotLed(int slot)
    {
        lock (_gate)
        {
            return _slotLeds.TryGetValue(slot, out var led) ? led.Showing : null;
        }
    }

    /// <summary>The pattern the chassis status LED shows now; null without one.</summary>
    public LedPattern? StatusLed
    {
        get
        {
            lock (_gate)
            {
                return _statusLed?.Showing;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var lampTest = options.Value.LampTest > TimeSpan.Zero ? LedPatterns.LampTest(options.Value.LampTest) : null;
        lock (_gate)
        {
            foreach (var slot in devices.Slots.Where(s => s.Led is not null))
            {
                _slotLeds[slot.Slot] = new PanelLed(slot.Led!, $"slot {slot.Slot}", time, logger);
            }

            if (devices.StatusLed is { } status)
            {
                _statusLed = new PanelLed(status, "status", time, logger);
            }

            foreach (var led in AllLeds())
            {
                if (lampTest is not null)
                {
                    led.Play(lampTest);
                }
            }
        }

        // Subscribe on the loop, so no state change falls between the first read and the listening.
        var states = await loop.RunAsync(engine =>
        {
            engine.StateChanged += OnStateChanged;
            return engine.States;
        }).WaitAsync(cancellationToken);
        foreach (var state in states)
        {
            Apply(state);
        }

        broker.Changed += OnBrokerChanged;
        ListenToButtons();
        LogPanelStarted(_slotLeds.Count, _buttons.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and leaves every LED dark: they no longer tell the truth.</summary>
    public void Dispose()
    {
        loop.Engine.StateChanged -= OnStateChanged;
        broker.Changed -= OnBrokerChanged;
        lock (_gate)
        {
            foreach (var (button, handler, classifier) in _buttons)
            {
                button.Changed -= handler;
                classifier.Dispose();
            }

            _buttons.Clear();
            foreach (var led in AllLeds())
            {
                led.Dispose();
            }

            _slotLeds.Clear();
            _statusLed = null;
        }
    }

    private void OnStateChanged(object? sender, SlotState state) => Apply(state);

    private void OnBrokerChanged(object? sender, EventArgs e) => ShowStatus();

    private void Apply(SlotState state)
    {
        lock (_gate)
        {
            if (_slotLeds.TryGetValue(state.Slot, out var led))
            {
                led.Show(LedPatterns.For(state));
            }

            if (state.Fault is null)
            {
                _faulted.Remove(state.Slot);
            }
            else
            {
                _faulted.Add(state.Slot);
            }

            ShowStatus();
        }
    }

    private void ShowStatus()
    {
        lock (_gate)
        {
            _statusLed?.Show(LedPatterns.ForStatus(_faulted.Count > 0, broker.Connection));
        }
    }

    private void PlayOn(int slot, LedPattern oneShot)
    {
        lock (_gate)
        {
            if (_slotLeds.TryGetValue(slot, out var led))
            {
                led.Play(oneShot);
            }
        }
    }

    private IEnumerable<PanelLed> AllLeds() => _statusLed is null ? _slotLeds.Values : _slotLeds.Values.Append(_statusLed);
}
