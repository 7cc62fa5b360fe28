namespace PiChassis.Controller.Engine;

public sealed partial class PowerEngine
{
    private const string BootTimeoutSource = "boot_timeout";

    private void AdvancePhases()
    {
        var now = Now;
        foreach (var slot in _slots)
        {
            if (slot.IdentifyUntil is { } until && now >= until)
            {
                slot.IdentifyUntil = null;
            }

            switch (slot.Phase)
            {
                case SlotPhase.Booting:
                    WatchBoot(slot, now);
                    break;
                case SlotPhase.ShuttingDown:
                    WatchHalt(slot, now);
                    break;
            }
        }
    }

    /// <summary>Without a heartbeat, booting ends when the draw has settled into a narrow band.</summary>
    private void WatchBoot(SlotRuntime slot, TimeSpan now)
    {
        var sincePower = now - (slot.PoweredAt ?? now);
        if (!WatchInrush(slot, sincePower))
        {
            slot.BootPeakW = Math.Max(slot.BootPeakW, slot.PowerW);
        }

        if (sincePower >= _power.MaxBootTime)
        {
            FinishBoot(slot, BootTimeoutSource);
            return;
        }

        if (slot.Stale)
        {
            slot.SettleStart = null;
            return;
        }

        var min = Math.Min(slot.SettleMinW, slot.PowerW);
        var max = Math.Max(slot.SettleMaxW, slot.PowerW);
        if (slot.SettleStart is null || max - min > _power.BootSettleBandW)
        {
            slot.SettleStart = now;
            slot.SettleMinW = slot.PowerW;
            slot.SettleMaxW = slot.PowerW;
            return;
        }

        slot.SettleMinW = min;
        slot.SettleMaxW = max;
        if (sincePower >= _power.MinBootTime && now - slot.SettleStart >= _power.BootSettleTime)
        {
            FinishBoot(slot, "settled");
        }
    }

    private void FinishBoot(SlotRuntime slot, string how)
    {
        if (slot.BootPeakW > 0)
        {
            // Learn the boot peak, leaning on the newest boot but remembering the older ones.
            slot.LearnedBootPeakW = slot.LearnedBootPeakW is { } old ? Math.Max(slot.BootPeakW, (old + slot.BootPeakW) / 2) : slot.BootPeakW;
        }

        slot.PendingOrigin = null;
        slot.OnSince = Now;
        slot.BootTimedOut = how == BootTimeoutSource;
        SetPhase(slot, SlotPhase.On, how);
    }

    /// <summary>A graceful off cuts power once the halted node's draw stays under the threshold; forced after the timeout.</summary>
    private void WatchHalt(SlotRuntime slot, TimeSpan now)
    {
        var forced = now - slot.HaltRequestedAt >= _power.HaltTimeout;
        if (!forced)
        {
            if (slot.Stale || slot.PowerW >= _power.HaltThresholdW)
            {
                slot.BelowHaltSince = null;
                return;
            }

            slot.BelowHaltSince ??= now;
            if (now - slot.BelowHaltSince < _power.HaltHoldTime)
            {
                return;
            }
        }

        var source = slot.PendingSource;
        if (!OpenRelay(slot, source, forced, forced ? "halt_timeout" : "halted"))
        {
            return;
        }

        slot.PendingOrigin = null;
        if (slot.PowerOnAfterOff && slot.Fault is null)
        {
            slot.PowerOnAfterOff = false;
            Enqueue(slot, CommandOrigin.Controller, source);
        }
        else
        {
            SetPhase(slot, SlotPhase.Off, source);
        }
    }
}
