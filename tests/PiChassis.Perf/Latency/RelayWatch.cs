using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Perf.Latency;

/// <summary>
/// Watches the emulated MCP23017 that drives the relays and timestamps (Stopwatch) the register
/// write that switches a slot's relay. The chip raises its event right after the I2C write, on the
/// writer's thread; the simulator's own handlers (its state file and relay log) run first, so the
/// figures include them.
/// </summary>
public sealed class RelayWatch : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<(OutputOptions Relay, bool Closed, TaskCompletionSource<long> Done)> _expected = [];
    private readonly Dictionary<int, OutputOptions> _relays;
    private readonly List<EmulatedMcp23017> _chips;
    private readonly Dictionary<int, EmulatedMcp23017> _byAddress;

    public RelayWatch(HostedController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var chassis = controller.Services.GetRequiredService<IOptions<ChassisOptions>>().Value;
        _relays = chassis.Slots.ToDictionary(s => s.Slot, s => s.Relay);
        _byAddress = controller.Buses.Expanders.ToDictionary(e => e.Key, e => e.Value);
        _chips = [.. _relays.Values.Select(r => _byAddress[r.Address!.Value.Value]).Distinct()];
        foreach (var chip in _chips)
        {
            chip.OutputsChanged += OnOutputsChanged;
        }
    }

    /// <summary>Completes with the timestamp of the write that makes <paramref name="slot"/>'s relay <paramref name="closed"/>. Register before acting.</summary>
    public Task<long> NextAsync(int slot, bool closed)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _expected.Add((_relays[slot], closed, done));
        }

        return done.Task;
    }

    /// <summary>Whether the expander drives <paramref name="slot"/>'s relay closed now.</summary>
    public bool IsClosed(int slot) => IsClosed(_relays[slot]);

    public void Dispose()
    {
        foreach (var chip in _chips)
        {
            chip.OutputsChanged -= OnOutputsChanged;
        }
    }

    private bool IsClosed(OutputOptions relay)
    {
        var chip = _byAddress[relay.Address!.Value.Value];
        var pin = relay.Pin!.Value;
        return chip.IsOutput(pin) && chip.OutputLevel(pin) != relay.ActiveLow;
    }

    private void OnOutputsChanged(object? sender, EventArgs e)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            for (var i = _expected.Count - 1; i >= 0; i--)
            {
                var (relay, closed, done) = _expected[i];
                if (IsClosed(relay) == closed)
                {
                    _expected.RemoveAt(i);
                    done.TrySetResult(now);
                }
            }
        }
    }
}
