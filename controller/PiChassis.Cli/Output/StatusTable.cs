using System.Globalization;
using Spectre.Console;

namespace PiChassis.Cli.Output;

/// <summary>The slot table of <c>status</c> and <c>watch</c>: chassis, slot, node, phase, policy, W, Wh, fault.</summary>
public static class StatusTable
{
    public static Table Build(IEnumerable<SlotRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("chassis")
            .AddColumn(new TableColumn("slot").RightAligned())
            .AddColumn("node")
            .AddColumn("phase")
            .AddColumn("policy")
            .AddColumn(new TableColumn("W").RightAligned())
            .AddColumn(new TableColumn("Wh").RightAligned())
            .AddColumn("fault");
        foreach (var row in rows.OrderBy(r => r.Chassis, StringComparer.Ordinal).ThenBy(r => r.Slot))
        {
            table.AddRow(
                Markup.Escape(row.Chassis),
                row.Slot.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.PendingNode is { } pending ? $"{row.Node} (pending {pending})" : row.Node),
                PhaseMarkup(row.Phase),
                Markup.Escape(row.Locked ? row.Policy + ", locked" : row.Policy),
                Number(row.PowerW, "0.00"),
                Number(row.EnergyWh, "0.000"),
                row.Fault is null ? "-" : $"[red]{Markup.Escape(row.Fault)}[/]");
        }

        return table;
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static string PhaseMarkup(string phase) => phase switch
    {
        "on" => "[green]on[/]",
        "fault" => "[red]fault[/]",
        "booting" or "queued" or "shutting_down" => $"[yellow]{phase}[/]",
        _ => Markup.Escape(phase),
    };
}
