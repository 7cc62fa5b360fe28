using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Panel;

namespace PiChassis.Controller.ConsoleView;

/// <summary>
/// In the simulator, keys on an interactive console press the simulated chassis's buttons (see
/// <see cref="ConsoleKeyMap"/>). Holds are a little longer than the configured thresholds, so a
/// long key gives a long press whatever the settings.
/// </summary>
public sealed partial class ConsoleKeys(
    SimulatedButtonPresser presser,
    ChassisOptions chassis,
    PanelOptions panel,
    ConsoleViewOptions view,
    ILogger<ConsoleKeys> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (view.Enabled && !Console.IsInputRedirected)
        {
            // Console.ReadKey blocks; its own background thread ends with the process.
            _ = Task.Factory.StartNew(ReadKeys, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            LogKeys(ConsoleKeyMap.Help);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => presser.Dispose();

    /// <summary>Presses what <paramref name="key"/> stands for.</summary>
    /// <returns>False when the key means nothing or its button is not fitted.</returns>
    public bool Handle(char key)
    {
        if (ConsoleKeyMap.Map(key) is not var (slot, gesture))
        {
            return false;
        }

        var pin = slot is { } n ? chassis.Slots.FirstOrDefault(s => s.Slot == n)?.ButtonPin : chassis.MasterButtonPin;
        if (pin is not { } p)
        {
            return false;
        }

        if (gesture == PressGesture.DoublePress)
        {
            presser.DoublePress(p);
        }
        else
        {
            presser.Press(p, gesture switch
            {
                PressGesture.LongPress when slot is null => panel.MasterLongPress + Margin,
                PressGesture.LongPress => panel.LongPress + Margin,
                PressGesture.VeryLongPress => panel.MasterVeryLongPress + Margin,
                _ => SimulatedButtonPresser.Tap,
            });
        }

        return true;
    }

    private void ReadKeys()
    {
        try
        {
            while (true)
            {
                Handle(Console.ReadKey(intercept: true).KeyChar);
            }
        }
        catch (InvalidOperationException e)
        {
            // No console to read from after all (e.g. detached): the panel keys are simply off.
            LogNoKeys(e.Message);
        }
    }

    [LoggerMessage(EventId = 540, Level = LogLevel.Information, Message = "{Help}")]
    private partial void LogKeys(string help);

    [LoggerMessage(EventId = 541, Level = LogLevel.Warning, Message = "Console keys are off: {Reason}")]
    private partial void LogNoKeys(string reason);
}
