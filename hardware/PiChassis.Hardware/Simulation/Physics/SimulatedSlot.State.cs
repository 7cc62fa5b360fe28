using PiChassis.Hardware.Simulation.State;

namespace PiChassis.Hardware.Simulation.Physics;

public sealed partial class SimulatedSlot
{
    /// <summary>The slot as of <paramref name="at"/>, with the board's times as wall-clock instants.</summary>
    internal SlotState ExportLocked(DateTimeOffset at)
    {
        DateTimeOffset? poweredSince = null;
        DateTimeOffset? haltRequestedAt = null;
        if (_node is { Phase: not NodePhase.Unpowered } node)
        {
            poweredSince = at - TimeSpan.FromSeconds(node.UptimeS);
            if (node.HaltRequestedAtUptimeS is { } haltAtS)
            {
                haltRequestedAt = poweredSince + TimeSpan.FromSeconds(haltAtS);
            }
        }

        return new SlotState(
            Number, _relayInputClosed, _relayFault, _shortCurrentA, _node?.Profile,
            poweredSince, haltRequestedAt, _node?.HaltStartW ?? 0, _node?.LoadFraction ?? 0, _energyJ / 3600);
    }

    /// <summary>Puts the slot where <paramref name="saved"/> had it at <paramref name="at"/>; the chassis then runs it forward to now.</summary>
    internal void RestoreLocked(SlotState saved, DateTimeOffset at)
    {
        if (saved.ShortCurrentA is <= 0)
        {
            throw new ArgumentException($"Slot {saved.Slot}: a short's current must be positive.", nameof(saved));
        }

        _relayInputClosed = saved.RelayInputClosed;
        _relayFault = saved.RelayFault;
        _shortCurrentA = saved.ShortCurrentA;
        _energyJ = saved.EnergyWh * 3600;
        _node = saved.Board is null ? null : SimulatedNode.Restore(
            saved.Board,
            saved.PoweredSince is { } powered ? Math.Max(0, (at - powered).TotalSeconds) : null,
            saved.PoweredSince is { } since && saved.HaltRequestedAt is { } halt ? (halt - since).TotalSeconds : null,
            saved.HaltStartW,
            saved.LoadFraction);

        // A saved state whose board and contact disagree is settled in favour of the contact.
        ApplyContactLocked();
    }
}
