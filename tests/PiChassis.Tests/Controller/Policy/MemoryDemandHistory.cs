using PiChassis.Controller.Policy;

namespace PiChassis.Tests.Controller.Policy;

/// <summary>A demand profile's history in memory: what a store would have kept from earlier days.</summary>
internal sealed class MemoryDemandHistory : IDemandHistory
{
    private readonly SortedDictionary<long, int> _minutes = [];

    /// <summary>A wave of <paramref name="nodes"/> nodes from <paramref name="from"/> (time of day, UTC) for <paramref name="length"/> on each of the <paramref name="days"/> days before <paramref name="today"/>.</summary>
    public static MemoryDemandHistory Waves(DateTimeOffset today, int days, TimeSpan from, TimeSpan length, int nodes)
    {
        var history = new MemoryDemandHistory();
        for (var day = 1; day <= days; day++)
        {
            var midnight = today.Date.AddDays(-day);
            for (var minute = 0; minute < DemandProfile.MinutesPerDay; minute++)
            {
                var at = midnight.AddMinutes(minute);
                var inWave = at >= midnight + from && at < midnight + from + length;
                history._minutes[(at.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMinute] = inWave ? nodes : 0;
            }
        }

        return history;
    }

    /// <summary>Adds another history's minutes, each minute keeping its highest demand.</summary>
    public void Add(MemoryDemandHistory other)
    {
        foreach (var (minute, nodes) in other._minutes)
        {
            Save(minute, nodes, long.MinValue);
        }
    }

    public IReadOnlyList<(long Minute, int Nodes)> Load() => [.. _minutes.Select(m => (m.Key, m.Value))];

    public void Save(long minute, int nodes, long keepFrom) => _minutes[minute] = Math.Max(nodes, _minutes.GetValueOrDefault(minute));
}
