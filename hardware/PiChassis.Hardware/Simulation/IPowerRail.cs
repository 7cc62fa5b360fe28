namespace PiChassis.Hardware.Simulation;

/// <summary>What an emulated power sensor measures: the ground truth of one slot's feed.</summary>
public interface IPowerRail
{
    /// <summary>Voltage at the load side of the shunt, in volts.</summary>
    double BusVoltageV { get; }

    /// <summary>Current through the shunt, in amperes (negative when fed backwards).</summary>
    double CurrentA { get; }
}
