namespace PiChassis.Shared.Payloads;

/// <summary><c>info</c> (retained): what the chassis is and which node is in which slot.</summary>
public sealed record InfoPayload(
    DateTimeOffset Ts,
    int Schema,
    string SwVersion,
    string Chassis,
    double PsuBudgetW,
    IReadOnlyList<InfoSlot> Slots,
    IReadOnlyList<string> Probes)
{
    public const int CurrentSchema = 1;
}
