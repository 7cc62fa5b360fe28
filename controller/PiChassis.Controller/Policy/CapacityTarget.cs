namespace PiChassis.Controller.Policy;

/// <summary>What the scheduler asked for: <paramref name="Nodes"/> running, at least <paramref name="MinSpare"/> of them idle.</summary>
public sealed record CapacityTarget(int Nodes, int MinSpare, string Source, DateTimeOffset At);
