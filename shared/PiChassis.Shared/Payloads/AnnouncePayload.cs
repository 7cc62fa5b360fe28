namespace PiChassis.Shared.Payloads;

/// <summary>A new board's word on <c>pichassis/nodes/&lt;node&gt;/announce</c>: how long it has been up.</summary>
public sealed record AnnouncePayload(double UptimeS);
