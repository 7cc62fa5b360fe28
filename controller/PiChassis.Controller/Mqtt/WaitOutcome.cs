using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Mqtt;

/// <summary>How a wait for a slot ended: done, or failed with a contract error code.</summary>
public sealed record WaitOutcome(SlotState State, string? ErrorCode = null, string? Message = null)
{
    public bool Ok => ErrorCode is null;
}
