namespace PiChassis.Shared.Mqtt;

/// <summary>The verbs of <c>request/&lt;verb&gt;</c>.</summary>
public static class RequestVerbs
{
    public const string Power = "power";
    public const string Cycle = "cycle";
    public const string Restart = "restart";
    public const string ClearFault = "clear_fault";
    public const string Identify = "identify";
    public const string Lock = "lock";
    public const string Unlock = "unlock";
    public const string Policy = "policy";
    public const string Capacity = "capacity";
    public const string Status = "status";
    public const string Energy = "energy";
    public const string Events = "events";

    /// <summary>Confirms or rejects the node name plug &amp; play learnt for a slot.</summary>
    public const string Identity = "identity";

    /// <summary>The energy policy's learned demand profile: what it expects the scheduler to ask for next.</summary>
    public const string Profile = "profile";

    public static IReadOnlyList<string> All { get; } =
        [Power, Cycle, Restart, ClearFault, Identify, Lock, Unlock, Policy, Capacity, Status, Energy, Events, Identity, Profile];
}
