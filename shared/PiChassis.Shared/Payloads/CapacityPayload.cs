namespace PiChassis.Shared.Payloads;

/// <summary>The capacity target as the controller took it: what was asked, what the chassis can reach, what runs.</summary>
public sealed record CapacityPayload(int Nodes, int MinSpare, int Wanted, int Achievable, int Running);
