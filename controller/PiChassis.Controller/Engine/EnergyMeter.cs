using System.Collections.Immutable;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Engine;

/// <summary>
/// Integrates each slot's power over the monotonic sample times (trapezoids), so a wall-clock
/// jump neither adds nor drops energy. Days roll over by the local date of the samples.
/// </summary>
public sealed class EnergyMeter
{
    private readonly Dictionary<int, Counter> _counters;
    private readonly TimeProvider _time;
    private TimeSpan? _lastElapsed;
    private DateOnly _day;

    public EnergyMeter(IEnumerable<int> slots, TimeProvider time)
    {
        _time = time;
        _counters = slots.ToDictionary(s => s, _ => new Counter());
        _day = Today(time.GetUtcNow());
    }

    public SlotEnergy this[int slot] => _counters[slot].ToEnergy(slot);

    public ImmutableArray<SlotEnergy> All => [.. _counters.Select(c => c.Value.ToEnergy(c.Key))];

    public double ChassisLifetimeWh => _counters.Values.Sum(c => c.LifetimeWh);

    public double ChassisTodayWh => _counters.Values.Sum(c => c.TodayWh);

    public double ChassisYesterdayWh => _counters.Values.Sum(c => c.YesterdayWh);

    /// <summary>The local date that today's counters belong to.</summary>
    public DateOnly Day => _day;

    /// <summary>Starts from persisted counters (the store issue restores them at start).</summary>
    public void Restore(SlotEnergy energy)
    {
        ArgumentNullException.ThrowIfNull(energy);
        if (_counters.TryGetValue(energy.Slot, out var counter))
        {
            counter.LifetimeWh = energy.LifetimeWh;
            counter.TodayWh = energy.TodayWh;
            counter.YesterdayWh = energy.YesterdayWh;
        }
    }

    /// <summary>
    /// Starts from counters persisted on <paramref name="day"/>: they roll over if that day is past.
    /// A clock that reads a date before it (no real-time clock yet) keeps them as they are.
    /// </summary>
    public void Restore(DateOnly day, IEnumerable<SlotEnergy> energies)
    {
        ArgumentNullException.ThrowIfNull(energies);
        foreach (var energy in energies)
        {
            Restore(energy);
        }

        _day = day;
        RollOver(Today(_time.GetUtcNow()));
    }

    public void Add(ChassisSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        RollOver(Today(snapshot.At));
        var dtHours = _lastElapsed is { } last ? Math.Max(0, (snapshot.Elapsed - last).TotalHours) : 0;
        _lastElapsed = snapshot.Elapsed;
        foreach (var sample in snapshot.Slots)
        {
            if (!_counters.TryGetValue(sample.Slot, out var counter))
            {
                continue;
            }

            var power = sample.RelayClosed ? Math.Max(0, sample.PowerW) : 0;
            var wh = (counter.LastPowerW + power) / 2 * dtHours;
            counter.LastPowerW = power;
            counter.LifetimeWh += wh;
            counter.TodayWh += wh;
        }
    }

    /// <summary>A new local day moves today to yesterday; a clock that went backwards changes nothing.</summary>
    private void RollOver(DateOnly day)
    {
        if (day <= _day)
        {
            return;
        }

        foreach (var counter in _counters.Values)
        {
            counter.YesterdayWh = day == _day.AddDays(1) ? counter.TodayWh : 0;
            counter.TodayWh = 0;
        }

        _day = day;
    }

    private DateOnly Today(DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _time.LocalTimeZone).DateTime);

    private sealed class Counter
    {
        public double LifetimeWh { get; set; }

        public double TodayWh { get; set; }

        public double YesterdayWh { get; set; }

        public double LastPowerW { get; set; }

        public SlotEnergy ToEnergy(int slot) => new(slot, LifetimeWh, TodayWh, YesterdayWh);
    }
}
