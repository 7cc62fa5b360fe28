using PiChassis.Hardware.Simulation;

namespace PiChassis.Tests.Hardware.Simulation.Chips;

/// <summary>The ground truth an emulated probe measures, set by the test.</summary>
internal sealed class SettableTemperatureSource(double temperatureC) : ITemperatureSource
{
    public double TemperatureC { get; set; } = temperatureC;
}
