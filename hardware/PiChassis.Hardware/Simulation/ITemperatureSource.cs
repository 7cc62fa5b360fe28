namespace PiChassis.Hardware.Simulation;

/// <summary>What an emulated temperature probe measures.</summary>
public interface ITemperatureSource
{
    double TemperatureC { get; }
}
