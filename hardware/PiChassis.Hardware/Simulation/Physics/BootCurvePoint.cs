namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>One point of a board's boot draw: <paramref name="PowerW"/> at <paramref name="AtS"/> seconds after power.</summary>
public readonly record struct BootCurvePoint(double AtS, double PowerW);
