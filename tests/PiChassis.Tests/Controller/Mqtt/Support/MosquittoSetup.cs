namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>How a test wants its Mosquitto: anonymous or with users, TLS files, persistence.</summary>
internal sealed record MosquittoSetup
{
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    public bool AllowAnonymous => Users.Count == 0;

    public TlsFiles? Tls { get; init; }

    /// <summary>Keeps sessions and queued messages across a restart (saved when Mosquitto stops).</summary>
    public bool Persistence { get; init; }
}
