namespace PiChassis.Controller.Engine;

public sealed partial class PowerEngine
{
    /// <summary>
    /// Names the node found in <paramref name="slot"/> (plug &amp; play). A slot that held that name
    /// takes this slot's old one, so names stay unique. False when there is no such slot.
    /// </summary>
    public bool RenameNode(int slot, string node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        if (Find(slot) is not { } target)
        {
            return false;
        }

        if (target.Node == node)
        {
            return true;
        }

        if (_slots.FirstOrDefault(s => s.Node == node) is { } holder)
        {
            holder.Node = target.Node;
        }

        target.Node = node;
        Publish();
        return true;
    }

    /// <summary>Sets (or, with null, clears) the learnt name that waits for an operator in <paramref name="slot"/>.</summary>
    public void SetPendingNode(int slot, string? node)
    {
        if (Find(slot) is { } target && target.PendingNode != node)
        {
            target.PendingNode = node;
            Publish();
        }
    }

    /// <summary>Powered, and its node has sent a heartbeat within <paramref name="within"/>: the slot's board is alive.</summary>
    public bool IsBeating(int slot, TimeSpan within) =>
        Find(slot) is { Relay.IsClosed: true, LastHeartbeat: { } beat } && Now - beat <= within;
}
