namespace PiChassis.Shared.Payloads;

/// <summary>A latched fault in a slot state: <c>{"code","message","at"}</c>.</summary>
public sealed record FaultPayload(string Code, string Message, DateTimeOffset At);
