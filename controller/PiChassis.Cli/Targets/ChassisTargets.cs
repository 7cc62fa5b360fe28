using PiChassis.Cli.Mqtt;

namespace PiChassis.Cli.Targets;

/// <summary>The part of the user's targets one chassis handles, as the <c>targets</c> field it is sent.</summary>
public sealed record ChassisTargets(KnownChassis Chassis, string Targets);
