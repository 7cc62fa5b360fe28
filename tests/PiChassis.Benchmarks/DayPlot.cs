using System.Globalization;
using ScottPlot;

namespace PiChassis.Benchmarks;

/// <summary>
/// Draws one day of a replay into a PNG: the nodes needed, the nodes up, and the controller's
/// confident forecast, minute by minute, with the controller restart marked when it fell that day.
/// </summary>
internal static class DayPlot
{
    private const int Width = 1400;
    private const int Height = 520;

    /// <param name="day">The day, 0 being the first.</param>
    public static void Save(string path, DemandTrace trace, ReplayResult run, int day, int? restartMinute)
    {
        var first = day * DemandTrace.MinutesPerDay;
        var minutes = run.Minutes.Skip(first).Take(DemandTrace.MinutesPerDay).ToArray();
        var hours = minutes.Select((_, i) => i / 60.0).ToArray();
        var plot = new Plot();

        var demand = plot.Add.Scatter(hours, minutes.Select(m => (double)m.Demand).ToArray());
        Style(demand, "nodes needed", Colors.Black, 1.5f);
        var up = plot.Add.Scatter(hours, minutes.Select(m => (double)m.NodesUp).ToArray());
        Style(up, "nodes on", Colors.SteelBlue, 1.5f);

        // No forecast (no history yet, or not confident): a gap in the line, not a zero.
        var predicted = plot.Add.Scatter(hours, minutes.Select(m => m.Predicted is { } n ? n : double.NaN).ToArray());
        Style(predicted, "forecast (confident)", Colors.DarkOrange, 1f);
        predicted.LinePattern = LinePattern.Dashed;

        if (restartMinute is { } restart && restart >= first && restart < first + DemandTrace.MinutesPerDay)
        {
            var line = plot.Add.VerticalLine((restart - first) / 60.0);
            line.LegendText = "controller restart";
            line.Color = Colors.Red;
            line.LinePattern = LinePattern.Dotted;
        }

        var weekday = trace.WeekdayOf(day) is { } d ? " " + d.ToString() : "";
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{trace.Name}, day {day + 1}{weekday}: {run.Name}"));
        plot.XLabel("hour of the day");
        plot.YLabel("nodes");
        plot.Axes.SetLimits(0, 24, 0, minutes.Max(m => Math.Max(m.Demand, m.NodesUp)) + 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(2);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    private static void Style(ScottPlot.Plottables.Scatter scatter, string legend, Color color, float width)
    {
        scatter.LegendText = legend;
        scatter.Color = color;
        scatter.LineWidth = width;
        scatter.MarkerSize = 0;
        scatter.ConnectStyle = ConnectStyle.StepHorizontal;
    }
}
