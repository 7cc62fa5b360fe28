using System.Globalization;
using System.Text.Json.Nodes;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Engine;

public sealed partial class PowerEngine
{
    private const string ProtectionSource = "protection";
    private TimeSpan? _previousSample;
    private TimeSpan? _undervoltageSince;
    private double? _busVoltageV;
    private TimeSpan? _lastShed;
    private bool _temperatureWarned;

    /// <summary>Runs in the sampling cadence, before anything else of the tick.</summary>
    private void Protect(ChassisSnapshot snapshot)
    {
        var now = Now;

        // The dwell is timed on when the readings were taken, not on when this loop got to them (a
        // command ahead in the queue delays one tick, not the next). Timers fire on a coarse clock,
        // so a reading may come a few ms early: the dwell counts as met within a quarter of the gap
        // between readings, or a dwell of one interval would often need a third reading. Never more
        // than a quarter of the dwell: after a held-up sweep one reading in a boot's inrush is not a short.
        var sampledAt = snapshot.Elapsed;
        var gap = _previousSample is { } previous ? sampledAt - previous : TimeSpan.Zero;
        var slack = (gap < _protection.OvercurrentDwell ? gap : _protection.OvercurrentDwell) / 4;
        _previousSample = sampledAt;
        foreach (var slot in _slots)
        {
            CheckOvercurrent(slot, sampledAt, slack);
            CheckSensor(slot);
            CheckRelay(slot, now);
        }

        _busVoltageV = snapshot.BusVoltageV;
        CheckBus(snapshot.BusVoltageV, now);
        CheckTemperature(now);
    }

    private void CheckOvercurrent(SlotRuntime slot, TimeSpan sampledAt, TimeSpan slack)
    {
        if (slot.Stale || !slot.Relay.IsClosed || (!slot.Overflow && Math.Abs(slot.CurrentA) <= _protection.OvercurrentA))
        {
            slot.OvercurrentSince = null;
            return;
        }

        slot.OvercurrentSince ??= sampledAt;
        if (sampledAt - slot.OvercurrentSince + slack >= _protection.OvercurrentDwell)
        {
            Trip(slot, FaultCodes.Overcurrent, Invariant($"{slot.CurrentA:F2} A > {_protection.OvercurrentA:F2} A for {(sampledAt - slot.OvercurrentSince.Value).TotalMilliseconds:F0} ms"),
                cutPower: true, new JsonObject { ["current_a"] = Math.Round(slot.CurrentA, 3), ["limit_a"] = _protection.OvercurrentA, ["sensor_overflow"] = slot.Overflow });
        }
    }

    private void CheckSensor(SlotRuntime slot)
    {
        if (slot.FailedReads >= _protection.SensorFailureReads && slot.Fault is null)
        {
            Trip(slot, FaultCodes.SensorFailure, $"{slot.FailedReads} reads failed in a row",
                cutPower: !_protection.SensorFailureKeepsPower, new JsonObject { ["failed_reads"] = slot.FailedReads });
        }
    }

    /// <summary>Current through an open relay: stuck. No current through a closed one: nothing in the slot.</summary>
    private void CheckRelay(SlotRuntime slot, TimeSpan now)
    {
        if (slot.Stale || slot.Fault is not null)
        {
            slot.StuckSince = null;
            slot.EmptySince = null;
            return;
        }

        var stuck = !slot.Relay.IsClosed && Math.Abs(slot.CurrentA) > _protection.StuckRelayA;
        slot.StuckSince = stuck ? slot.StuckSince ?? now : null;
        if (slot.StuckSince is { } s && now - s >= _protection.RelayCheckDwell)
        {
            Trip(slot, FaultCodes.StuckRelay, Invariant($"{slot.CurrentA:F2} A flows with the relay open"), cutPower: false,
                new JsonObject { ["current_a"] = Math.Round(slot.CurrentA, 3) });
            return;
        }

        var empty = slot.Relay.IsClosed && slot.Phase is SlotPhase.Booting or SlotPhase.On && Math.Abs(slot.CurrentA) < _protection.EmptySlotA;
        slot.EmptySince = empty ? slot.EmptySince ?? now : null;
        if (slot.EmptySince is { } e && now - e >= _protection.RelayCheckDwell)
        {
            Trip(slot, FaultCodes.EmptySlot, Invariant($"no current ({slot.CurrentA:F3} A) with the relay closed"), cutPower: true,
                new JsonObject { ["current_a"] = Math.Round(slot.CurrentA, 3) });
        }
    }

    /// <summary>A brown-out sheds the lowest-priority slots one by one; only a critical drop cuts them all.</summary>
    private void CheckBus(double? busV, TimeSpan now)
    {
        if (busV is not { } v || v >= _protection.UndervoltageV)
        {
            _undervoltageSince = null;
            return;
        }

        // A dwell even for a critical drop: one bad conversion must not cut the whole chassis.
        _undervoltageSince ??= now;
        if (now - _undervoltageSince < _protection.UndervoltageDwell)
        {
            return;
        }

        if (v < _protection.CriticalUndervoltageV)
        {
            foreach (var slot in _slots.Where(s => s.Relay.IsClosed))
            {
                Shed(slot, FaultCodes.Undervoltage, Invariant($"bus at {v:F2} V, below the critical {_protection.CriticalUndervoltageV:F2} V"), latch: true);
            }

            return;
        }

        if (ShedDue(now, _protection.ShedInterval) && LowestPriorityPowered() is { } victim)
        {
            Shed(victim, FaultCodes.Undervoltage, Invariant($"bus at {v:F2} V, below {_protection.UndervoltageV:F2} V"), latch: true);
        }
    }

    private void CheckTemperature(TimeSpan now)
    {
        if (ChassisTemperatureC is not { } t)
        {
            return;
        }

        if (t >= _protection.WarnTemperatureC && !_temperatureWarned)
        {
            _temperatureWarned = true;
            LogTemperatureWarning(t);
        }
        else if (t < _protection.WarnTemperatureC - _protection.TemperatureHysteresisC)
        {
            _temperatureWarned = false;
        }

        if (t >= _protection.CriticalTemperatureC)
        {
            foreach (var slot in _slots.Where(s => s.Relay.IsClosed))
            {
                Shed(slot, FaultCodes.Overtemperature, Invariant($"chassis at {t:F1} °C, critical {_protection.CriticalTemperatureC:F1} °C"), latch: true);
            }
        }
        else if (t >= _protection.ShedTemperatureC)
        {
            if (ShedDue(now, _protection.TemperatureShedInterval) && LowestPriorityPowered() is { } victim)
            {
                Shed(victim, FaultCodes.Overtemperature, Invariant($"chassis at {t:F1} °C, above {_protection.ShedTemperatureC:F1} °C"), latch: false);
            }
        }
        else if (t < ReleaseBelowC)
        {
            ReleaseHeld(t, now);
        }
    }

    private bool ShedDue(TimeSpan now, TimeSpan interval) => _lastShed is not { } last || now - last >= interval;

    private SlotRuntime? LowestPriorityPowered() => _slots
        .Where(s => s.Relay.IsClosed && s.Fault is null)
        .OrderBy(s => s.Priority)
        .ThenByDescending(s => s.Slot)
        .FirstOrDefault();

    private void Shed(SlotRuntime slot, string code, string message, bool latch)
    {
        _lastShed = Now;
        _events.Append(EventTypes.LoadShed, slot.Slot, ProtectionSource, new JsonObject { ["code"] = code, ["message"] = message });
        if (latch)
        {
            Trip(slot, code, message, cutPower: true, null);
            return;
        }

        if (OpenRelay(slot, ProtectionSource, forced: true, code))
        {
            // It comes back on when released unless it was on its way off anyway.
            slot.OnWhenReleased = slot.Phase != SlotPhase.ShuttingDown || slot.PowerOnAfterOff;
            slot.PendingOrigin = null;
            slot.PowerOnAfterOff = false;
            slot.ShedForHeat = true;
            SetPhase(slot, SlotPhase.Off, ProtectionSource);
        }
    }

    /// <summary>Latches a fault; with <paramref name="cutPower"/> the relay opens at once.</summary>
    private void Trip(SlotRuntime slot, string code, string message, bool cutPower, JsonObject? detail)
    {
        if (cutPower)
        {
            OpenRelay(slot, ProtectionSource, forced: true, code);
        }

        if (slot.Fault is not null)
        {
            return;
        }

        slot.Fault = new SlotFault(code, message, _time.GetUtcNow());
        slot.PendingOrigin = null;
        slot.PowerOnAfterOff = false;
        detail ??= [];
        detail["code"] = code;
        detail["message"] = message;
        _events.Append(EventTypes.FaultTrip, slot.Slot, ProtectionSource, detail);
        SetPhase(slot, SlotPhase.Fault, ProtectionSource);
        LogTrip(slot.Slot, code, message);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
