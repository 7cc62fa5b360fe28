using PiChassis.Hardware;

namespace PiChassis.Controller.ChassisHardware;

/// <summary>An opened temperature probe; null when it could not be opened (it then reads stale).</summary>
public sealed record ProbeHardware(string Name, ITemperatureProbe? Probe, string? OpenError);
