using PiChassis.Controller.Configuration;

namespace PiChassis.Controller.Redfish;

/// <summary>A signed-in session: its public <see cref="Id"/> (in its URI) and its secret <see cref="Token"/> (X-Auth-Token).</summary>
public sealed class RedfishSession(string id, string token, string userName, RedfishRole role, DateTimeOffset created)
{
    /// <summary>The longest <see cref="Context"/> kept: a label, not storage.</summary>
    public const int MaxContextLength = 256;

    public string Id { get; } = id;

    public string Token { get; } = token;

    public string UserName { get; } = userName;

    public RedfishRole Role { get; } = role;

    public DateTimeOffset Created { get; } = created;

    /// <summary>What the client asked to keep with its session (Redfish's <c>Context</c>, e.g. which tool signed in); null when none.</summary>
    public string? Context { get; init; }

    /// <summary>Set under the sessions' lock only.</summary>
    public DateTimeOffset LastUsed { get; set; } = created;

    public string Uri => $"{RedfishPaths.Sessions}/{Id}";
}
