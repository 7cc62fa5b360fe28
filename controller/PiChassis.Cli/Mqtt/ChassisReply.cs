using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Mqtt;

/// <summary>What one chassis said to a request: its response, or why there is none (offline, silent).</summary>
public sealed record ChassisReply(KnownChassis Chassis, ResponsePayload? Response, string? Failure = null)
{
    public static ChassisReply Missing(KnownChassis chassis, string failure) => new(chassis, null, failure);
}
