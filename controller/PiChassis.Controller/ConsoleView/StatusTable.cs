using System.Globalization;
using System.Text;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.ConsoleView;

/// <summary>Renders a snapshot as the compact table a newcomer sees on the console.</summary>
public static class StatusTable
{
    public static string Render(ChassisSnapshot snapshot, IReadOnlyList<SlotState> states)
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

        text.AppendLine();
        text.AppendLine("slot  node        relay  phase              V       A       W");
        foreach (var slot in snapshot.Slots)
        {
            var state = states.FirstOrDefault(s => s.Slot == slot.Slot);
            var phase = state is null ? "" : PowerEngine.Wire(state.Phase) + (state.Fault is { } f ? $" ({f.Code})" : "");
            text.Append(inv, $"{slot.Slot,4}  {state?.Node,-10}  {(slot.RelayClosed ? "on" : "off"),-5}  {phase,-17}  {slot.BusVoltageV,6:F2}  {slot.CurrentA,6:F3}  {slot.PowerW,6:F2}");
            if (slot.Stale)
            {
                text.Append(inv, $"  stale: {slot.Error}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
