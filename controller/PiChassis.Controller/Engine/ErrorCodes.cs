namespace PiChassis.Controller.Engine;

/// <summary>The contract's error codes for refused commands and requests.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string UnknownTarget = "unknown_target";
    public const string BudgetExceeded = "budget_exceeded";
    public const string Locked = "locked";
    public const string FaultLatched = "fault_latched";

    /// <summary>Held off by protection (shed for heat) until protection releases the slot.</summary>
    public const string Held = "held";
    public const string RateLimited = "rate_limited";
    public const string Timeout = "timeout";
    public const string HardwareError = "hardware_error";
    public const string Unavailable = "unavailable";

    /// <summary>An <c>identity</c> request for a slot with no learnt or pending name.</summary>
    public const string NotPending = "not_pending";

    /// <summary>Confirming or rejecting would take a name another slot holds.</summary>
    public const string IdentityConflict = "identity_conflict";

    /// <summary><c>policy auto</c> for a slot in an autoscaler node group, which the cluster-autoscaler alone switches.</summary>
    public const string Autoscaled = "autoscaled";
}
