using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Mqtt;

/// <summary>A chassis as its retained topics describe it: its <c>info</c> (if any) and its <c>status</c>.</summary>
public sealed record KnownChassis(string Id, InfoPayload? Info, string? Status)
{
    public bool IsOnline => Status == Availability.Online && Info is not null;

    public Topics Topics { get; } = new(Id);

    public InfoSlot? FindNode(string node) => Info?.Slots.FirstOrDefault(s => string.Equals(s.Node, node, StringComparison.Ordinal));
}
