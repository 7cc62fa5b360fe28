namespace PiChassis.Shared.Payloads;

/// <summary>A node agent's heartbeat on <c>pichassis/nodes/&lt;node&gt;/heartbeat</c>.</summary>
public sealed record HeartbeatPayload(DateTimeOffset Ts, double UptimeS, double? Load1, double? SocTempC);
