using System.Globalization;
using System.Text;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.ConsoleView;

/// <summary>Renders a snapshot as the compact table a newcomer sees on the console.</summary>
public static class StatusTable
{
    /// <param name="panel">LEDs and fan; null leaves their columns out.</param>
    public static string Render(ChassisSnapshot snapshot, IReadOnlyList<SlotState> states, PanelReadout? panel = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(states);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(inv, $"{snapshot.At:HH:mm:ss}  total {snapshot.TotalPowerW,6:F2} W");
        if (snapshot.BusVoltageV is { } bus)
        {
            text.Append(inv, $"  bus {bus:F2} V");
        }

        foreach (var probe in snapshot.Probes)
        {
            var value = probe.TemperatureC is { } c ? c.ToString("F1", inv) + " °C" : "--";
            text.Append(inv, $"  {probe.Name} {value}{(probe.Stale ? " (stale)" : "")}");
        }

        if (panel?.FanDutyPercent is { } duty)
        {
            text.Append(inv, $"  fan {duty:F0} %");
        }

        if (panel?.StatusLed is { } status)
        {
            text.Append(inv, $"  status LED {Led(status)}");
        }

        text.AppendLine();
        text.AppendLine(panel is null
            ? "slot  node        relay  phase              V       A       W"
            : "slot  node        relay  phase              V       A       W  LED");
        foreach (var slot in snapshot.Slots)
        {
            var state = states.FirstOrDefault(s => s.Slot == slot.Slot);
            var phase = state is null ? "" : PowerEngine.Wire(state.Phase) + (state.Fault is { } f ? $" ({f.Code})" : "");
            text.Append(inv, $"{slot.Slot,4}  {state?.Node,-10}  {(slot.RelayClosed ? "on" : "off"),-5}  {phase,-17}  {slot.BusVoltageV,6:F2}  {slot.CurrentA,6:F3}  {slot.PowerW,6:F2}");
            if (panel is not null)
            {
                text.Append(inv, $"  {(panel.SlotLeds.TryGetValue(slot.Slot, out var led) ? Led(led) : "-")}");
            }

            if (slot.Stale)
            {
                text.Append(inv, $"  stale: {slot.Error}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>An LED as a glyph and its pattern's name (a steady LED needs no name).</summary>
    private static string Led(LedPattern pattern) => pattern.IsSteady ? pattern.Glyph : $"{pattern.Glyph} {pattern.Name}";
}
