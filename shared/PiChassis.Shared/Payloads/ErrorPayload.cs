namespace PiChassis.Shared.Payloads;

/// <summary>An error of the contract: <c>{"code":"budget_exceeded","message":"…"}</c>.</summary>
public sealed record ErrorPayload(string Code, string Message);
