using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Policy;

public sealed partial class CapacityPolicy
{
    /// <summary>A slot the engine refused (e.g. its wear guard) is not asked again before this.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Capacity goes up at once, to what is wanted now. It goes down only to the most wanted within
    /// the hysteresis window, and only by switching off idle slots that have been idle for the idle
    /// timeout and on for the minimum on-time and hold no lease: never a booting or busy one. A
    /// confident forecast of the learned profile raises the first (pre-warm) and the second (keep);
    /// without one the policy is the reactive one alone.
    /// </summary>
    private void Act()
    {
        var now = Now;
        var utcNow = _time.GetUtcNow();
        foreach (var expired in _leases.Where(l => l.Value <= utcNow).Select(l => l.Key).ToList())
        {
            _leases.Remove(expired);
        }

        UpdateSchedules(utcNow);
        if (Effective() is not { } target)
        {
            return;
        }

        var states = _engine.States;
        _steadyBusy.Add(now, Busy);

        // The profile learns what the scheduler asks live: what it scheduled, it has said already.
        if (Target is { } live)
        {
            _profile?.Record(live.Nodes);
        }

        var wanted = Wanted(target, _steadyBusy.Get(now) ?? 0);
        _recentWanted.Add(now, wanted);
        var achievable = Achievable(states);
        var running = states.Count(IsRunning);
        var expected = Expected(utcNow);
        var goal = Math.Min(Math.Max(wanted, expected.Prewarm), achievable);
        if (running < goal)
        {
            var switched = PowerOn(goal - running, states, now);
            ForecastActed(goal > Math.Min(wanted, achievable) ? PrewarmReason : null, expected, switched);
            return;
        }

        // A confident forecast of every minute ahead may also say the wave is over (at most half of
        // the recent peak is expected back): then the hysteresis window no longer holds the nodes.
        // A smaller dip is left to the hysteresis, a busier day than the forecast would cycle them;
        // unless the forecast is lined up with today's timing and weight: then it says the dip too.
        var recent = _recentWanted.Get(now) ?? wanted;
        if (expected.Settled && (expected.Aligned || expected.Ahead * 2 <= recent))
        {
            recent = wanted;
        }

        var hold = Math.Min(Math.Max(recent, expected.Ahead), achievable);

        // Kept, not pre-warmed: held for demand expected back later than a boot would take.
        var withoutGap = Math.Min(Math.Max(recent, expected.Prewarm), achievable);
        ForecastActed(hold > withoutGap && running > withoutGap ? KeepReason : null, expected, []);
        if (running > hold)
        {
            PowerOff(running - hold, states, now, utcNow);
        }
    }

    /// <summary>Switches on up to <paramref name="count"/> off slots; returns the ones switched.</summary>
    private List<int> PowerOn(int count, IEnumerable<SlotState> states, TimeSpan now)
    {
        List<int> switched = [];
        var candidates = states.Where(s => IsPooled(s) && s.Phase == SlotPhase.Off && !RecentlyRefused(s.Slot, now));
        foreach (var slot in SlotRanking.ForPowerOn(candidates, _trackers, _options, _engine.PowerOnsToday).ToList())
        {
            if (switched.Count == count)
            {
                break;
            }

            if (Switch(slot, SlotAction.On, now))
            {
                switched.Add(slot.Slot);
            }
        }

        return switched;
    }

    private void PowerOff(int count, IEnumerable<SlotState> states, TimeSpan now, DateTimeOffset utcNow)
    {
        var candidates = states.Where(s =>
            IsPooled(s) && s.Phase == SlotPhase.On && !RecentlyRefused(s.Slot, now)
            && !(_leases.TryGetValue(s.Slot, out var until) && until > utcNow)
            && _trackers[s.Slot] is { Busy: false } tracker
            && tracker.IdleFor(now) >= _options.IdleTimeout
            && tracker.OnFor(now) >= _options.MinOnTime);
        foreach (var slot in SlotRanking.ForPowerOff(candidates, _trackers, _options, _engine.PowerOnsToday).Take(count).ToList())
        {
            Switch(slot, SlotAction.Off, now);
        }
    }

    private bool Switch(SlotState slot, SlotAction action, TimeSpan now)
    {
        var result = _engine.Execute(new SlotCommand(slot.Slot, action, CommandOrigin.Policy, Source));
        if (!result.Ok)
        {
            _trackers[slot.Slot].RefusedAt = now;
            LogRefused(slot.Slot, action, result.ErrorCode, result.Message);
            return false;
        }

        LogSwitched(slot.Slot, action, slot.RelayCycles, _trackers[slot.Slot].HeatW);
        return true;
    }

    private bool RecentlyRefused(int slot, TimeSpan now) => _trackers[slot].RefusedAt is { } at && now - at < RetryAfter;
}
