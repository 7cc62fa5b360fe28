using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Output;

/// <summary>One line of the status and watch tables.</summary>
public sealed record SlotRow(string Chassis, int Slot, string Node, string Phase, string Policy, bool Locked, double? PowerW, double? EnergyWh, string? Fault)
{
    /// <summary>A name plug &amp; play learnt for the slot, waiting for <c>pichassis identity confirm|reject</c>.</summary>
    public string? PendingNode { get; init; }

    public static SlotRow From(string chassis, SlotStatePayload state, SlotTelemetryPayload? telemetry)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SlotRow(chassis, state.Slot, state.Node, state.Phase, state.Policy, state.Locked,
            telemetry?.PowerW, telemetry?.EnergyWh, state.Fault?.Code)
        {
            PendingNode = state.PendingNode,
        };
    }
}
