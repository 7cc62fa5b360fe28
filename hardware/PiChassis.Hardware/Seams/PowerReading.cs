namespace PiChassis.Hardware;

/// <summary>One conversion of a slot's power sensor, in SI units. Current is signed.</summary>
/// <param name="Overflow">The chip flagged a math overflow: current and power are not valid.</param>
/// <param name="ConversionReady">A new conversion completed since the previous power read.</param>
public readonly record struct PowerReading(
    double BusVoltageV,
    double ShuntVoltageV,
    double CurrentA,
    double PowerW,
    bool Overflow,
    bool ConversionReady);
