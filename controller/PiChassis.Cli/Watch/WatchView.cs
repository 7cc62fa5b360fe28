using System.Globalization;
using PiChassis.Cli.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PiChassis.Cli.Watch;

/// <summary>Renders a <see cref="WatchSnapshot"/>: one line per chassis (power, headroom, temperatures), then the slot table.</summary>
public static class WatchView
{
    public static IRenderable Render(WatchSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var lines = new List<IRenderable> { new Markup($"[bold]pichassis watch[/]  {now.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  (Ctrl+C ends)") };
        if (snapshot.Chassis.Count == 0)
        {
            lines.Add(new Markup("[yellow]no chassis on this broker yet[/]"));
        }

        lines.AddRange(snapshot.Chassis.Select(c => new Markup(Header(c))));
        lines.Add(StatusTable.Build(snapshot.Rows));
        return new Rows(lines);
    }

    internal static string Header(ChassisLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var status = line.Status switch
        {
            "online" => "[green]online[/]",
            null => "[yellow]unknown[/]",
            var other => $"[red]{Markup.Escape(other)}[/]",
        };
        var text = $"chassis [bold]{Markup.Escape(line.Chassis)}[/] {status}";
        if (line.Telemetry is { } t)
        {
            var temperatures = string.Join("  ", t.TemperaturesC.Select(p => $"{Markup.Escape(p.Key)} {Format(p.Value, "0.0")} °C"));
            text += string.Create(CultureInfo.InvariantCulture,
                $"  power {t.TotalPowerW:0.00} W of {t.PsuBudgetW:0} W  headroom {t.HeadroomW:0.00} W  bus {Format(t.BusVoltageV, "0.00")} V  {t.SlotsOn} on  {temperatures}");
        }

        return text;
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
