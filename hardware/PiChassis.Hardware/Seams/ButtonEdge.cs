namespace PiChassis.Hardware;

/// <summary>A settled button edge: pressed or released, at the time it settled.</summary>
public readonly record struct ButtonEdge(bool Pressed, DateTimeOffset At);
