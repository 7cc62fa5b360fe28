namespace PiChassis.Shared.Payloads;

/// <summary>A command to a node agent on <c>pichassis/nodes/&lt;node&gt;/cmd</c>: <c>{"id","action":"halt"}</c>.</summary>
public sealed record NodeCommandPayload(string Id, string Action);
