namespace PiChassis.Shared.Payloads;

/// <summary>The JSON form of <c>slot/&lt;n&gt;/set</c>: <c>{"power":"on"}</c>, <c>{"action":"cycle"}</c> or <c>{"policy":"auto"}</c>.</summary>
public sealed record SlotSetPayload
{
    public string? Power { get; init; }

    public string? Action { get; init; }

    public string? Policy { get; init; }

    public string? Source { get; init; }
}
