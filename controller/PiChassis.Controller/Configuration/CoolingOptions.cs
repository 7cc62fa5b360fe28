namespace PiChassis.Controller.Configuration;

/// <summary>
/// The optional chassis fan(s) and their temperature curve. Section <c>Cooling</c>. Every fan runs
/// at the same duty, taken from the hottest fresh probe.
/// </summary>
public sealed class CoolingOptions
{
    public const string Section = "Cooling";

    /// <summary>The fans; none by default. With --simulate and none listed, one simulated fan.</summary>
    public List<FanOptions> Fans { get; } = [];

    /// <summary>With --simulate and no fans listed, fit one simulated fan (false: a fanless chassis).</summary>
    public bool FanInSimulation { get; set; } = true;

    /// <summary>
    /// Temperature → duty points, rising in temperature; the duty is interpolated between them.
    /// Below the first point the fan is off (a fan is energy too). Empty: <see cref="DefaultCurve"/>.
    /// </summary>
    public List<FanCurvePoint> Curve { get; } = [];

    /// <summary>The temperature must fall this far before the duty drops or the fan stops.</summary>
    public double HysteresisC { get; set; } = 2;

    /// <summary>The lowest duty at which the fan starts and keeps turning; a running fan never gets less.</summary>
    public double MinDutyPercent { get; set; } = 30;

    /// <summary>Off below 35 °C, 30 % at 35 °C rising to 100 % at 55 °C.</summary>
    public static IReadOnlyList<FanCurvePoint> DefaultCurve { get; } =
    [
        new FanCurvePoint { TemperatureC = 35, DutyPercent = 30 },
        new FanCurvePoint { TemperatureC = 55, DutyPercent = 100 },
    ];
}
