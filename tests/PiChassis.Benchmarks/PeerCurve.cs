namespace PiChassis.Benchmarks;

/// <summary>
/// A peer's energy as a function of unmet demand, from its runs at several settings (Slurm's
/// SuspendTime, the histogram's range): its efficient points (none of them both costlier and
/// worse-served than another), joined by straight lines.
/// </summary>
internal sealed class PeerCurve
{
    private readonly List<ReplayResult> _frontier = [];

    public PeerCurve(IEnumerable<ReplayResult> peers)
    {
        foreach (var peer in peers.OrderBy(p => p.UnmetShare).ThenBy(p => p.EnergyWh))
        {
            if (_frontier.Count == 0 || peer.EnergyWh < _frontier[^1].EnergyWh)
            {
                _frontier.Add(peer);
            }
        }
    }

    /// <summary>
    /// The peer's energy at <paramref name="unmetShare"/>. Below its best-served point the curve is
    /// held at that point's energy (the real curve can only rise there); beyond its worst-served
    /// point at that point's energy, flagged in <paramref name="note"/>.
    /// </summary>
    public double EnergyAt(double unmetShare, out string note)
    {
        if (_frontier.Count == 0)
        {
            throw new InvalidOperationException("No peer runs.");
        }

        if (unmetShare <= _frontier[0].UnmetShare)
        {
            note = $"at or below the peer's least unmet ({_frontier[0].Name}): compared with that point";
            return _frontier[0].EnergyWh;
        }

        for (var i = 1; i < _frontier.Count; i++)
        {
            var (a, b) = (_frontier[i - 1], _frontier[i]);
            if (unmetShare <= b.UnmetShare)
            {
                note = $"interpolated between {a.Name} and {b.Name}";
                var t = (unmetShare - a.UnmetShare) / (b.UnmetShare - a.UnmetShare);
                return a.EnergyWh + (t * (b.EnergyWh - a.EnergyWh));
            }
        }

        note = $"beyond the peer's most unmet ({_frontier[^1].Name}): held at that point";
        return _frontier[^1].EnergyWh;
    }
}
