namespace PiChassis.Shared.Payloads;

/// <summary>An error of docs/mqtt-api.md: <c>{"code":"budget_exceeded","message":"…"}</c>.</summary>
public sealed record ErrorPayload(string Code, string Message);
