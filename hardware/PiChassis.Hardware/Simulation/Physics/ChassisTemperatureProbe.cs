namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>A temperature probe at a point of a <see cref="SimulatedChassis"/>, read through the chassis' clock.</summary>
internal sealed class ChassisTemperatureProbe(Func<double> read) : ITemperatureSource
{
    public double TemperatureC => read();
}
