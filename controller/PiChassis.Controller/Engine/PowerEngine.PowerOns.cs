using PiChassis.Shared.Json;

namespace PiChassis.Controller.Engine;

// Each slot's power-ons of the last day, on the engine's monotonic clock: the hourly wear guard
// counts the last hour of them, the energy policy's daily cycle budget the whole day. They are kept
// in the store as they happen (written behind), so neither limit starts afresh at a restart.
public sealed partial class PowerEngine
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>How often the slot's relay closed in the last 24 hours, before this run too as far as the store kept it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such slot.</exception>
    public int PowerOnsToday(int slot) => Find(slot) is { } found
        ? PowerOnsSince(found, Now - Day)
        : throw new ArgumentOutOfRangeException(nameof(slot), slot, "no such slot");

    private static int PowerOnsSince(SlotRuntime slot, TimeSpan from) => slot.PowerOns.Count(at => at > from);

    private bool IsRateLimited(SlotRuntime slot) => PowerOnsSince(slot, Now - Hour) >= _power.MaxCyclesPerHour;

    /// <summary>The wear guard's refusal, saying when the slot may be powered on again: when enough of the hour's power-ons are an hour old.</summary>
    private CommandResult RefuseRateLimited(SlotRuntime slot)
    {
        var hourAgo = Now - Hour;
        var inTheHour = slot.PowerOns.Where(at => at > hourAgo).ToList();
        var freesOne = inTheHour[inTheHour.Count - _power.MaxCyclesPerHour];
        var next = _time.GetUtcNow() + (freesOne - hourAgo);
        return Refuse(slot, ErrorCodes.RateLimited,
            $"{_power.MaxCyclesPerHour} power-ons in the last hour; the next is allowed at {UtcMillisecondsConverter.ToText(next)}");
    }

    private void CountPowerOn(SlotRuntime slot, TimeSpan now)
    {
        slot.PowerOns.Add(now);
        slot.PowerOns.RemoveAll(at => at <= now - Day);
        var utcNow = _time.GetUtcNow();
        _powerOnHistory?.Save(slot.Slot, utcNow, utcNow - Day);
    }

    /// <summary>Puts back the kept power-ons of the last day, on this run's clock.</summary>
    private void RestorePowerOns(IEnumerable<(int Slot, DateTimeOffset At)> kept, DateTimeOffset utcNow)
    {
        foreach (var (number, at) in kept.OrderBy(p => p.At))
        {
            if (Find(number) is { } slot && at > utcNow - Day)
            {
                slot.PowerOns.Add(OnThisRunsClock(at, utcNow));
            }
        }
    }
}
