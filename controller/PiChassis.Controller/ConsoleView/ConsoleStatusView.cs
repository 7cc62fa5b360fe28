using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Cooling;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Hosting;
using PiChassis.Controller.Panel;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.ConsoleView;

/// <summary>Prints the status table every few seconds, so a newcomer sees the chassis work.</summary>
public sealed class ConsoleStatusView(
    SnapshotHub hub,
    PowerEngine engine,
    TimeProvider time,
    IOptions<ConsoleViewOptions> options,
    TextWriter output,
    PanelService? panel = null,
    FanController? fans = null) : PeriodicService(time)
{
    protected override TimeSpan Period => options.Value.Enabled ? options.Value.Interval : TimeSpan.Zero;

    public override void Tick()
    {
        if (hub.Latest is { } snapshot)
        {
            output.Write(StatusTable.Render(snapshot, engine.States, Readout()));
            output.Flush();
        }
    }

    private PanelReadout? Readout()
    {
        if (panel is null && fans is null)
        {
            return null;
        }

        var leds = new Dictionary<int, LedPattern>();
        foreach (var state in engine.States)
        {
            if (panel?.SlotLed(state.Slot) is { } led)
            {
                leds[state.Slot] = led;
            }
        }

        return new PanelReadout(leds, panel?.StatusLed, fans?.DutyPercent);
    }
}
