using PiChassis.Hardware.Simulation;

namespace PiChassis.Tests.Hardware.Ina219;

/// <summary>A slot feed whose voltage and current a test sets directly.</summary>
internal sealed class SettablePowerRail(double busVoltageV, double currentA) : IPowerRail
{
    public double BusVoltageV { get; set; } = busVoltageV;

    public double CurrentA { get; set; } = currentA;
}
