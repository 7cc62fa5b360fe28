namespace PiChassis.Controller.Configuration;

/// <summary>One point of the fan curve: at this chassis temperature, this duty.</summary>
public sealed class FanCurvePoint
{
    public double TemperatureC { get; set; }

    public double DutyPercent { get; set; }
}
