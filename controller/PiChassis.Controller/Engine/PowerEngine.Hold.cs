using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

// A slot shed for heat is held off until protection itself lets it go: whoever else asks to power
// it on is refused, or the heat is never shed (the policy or a scheduler would power it on again
// at once). Cool again, the slots come back one at a time, as heat follows power slowly.
public sealed partial class PowerEngine
{
    private TimeSpan? _lastRelease;

    /// <summary>Held slots are released below this chassis temperature.</summary>
    private double ReleaseBelowC => _protection.ShedTemperatureC - _protection.TemperatureHysteresisC;

    private string HeldMessage() => ChassisTemperatureC is { } t
        ? Invariant($"held off by protection: chassis at {t:F1} °C, released below {ReleaseBelowC:F1} °C")
        : Invariant($"held off by protection: no chassis temperature yet, released below {ReleaseBelowC:F1} °C");

    /// <summary>
    /// Runs while the chassis is below the release level. Held slots that are to stay off go at once
    /// (they add no heat); the others one per <see cref="Configuration.ProtectionOptions.TemperatureShedInterval"/>,
    /// highest priority first. A slot with a latched fault stays held until the fault is cleared.
    /// </summary>
    private void ReleaseHeld(double temperatureC, TimeSpan now)
    {
        foreach (var slot in _slots.Where(s => s.ShedForHeat && s.Fault is null && !PowersOnWhenReleased(s)))
        {
            Release(slot, temperatureC);
        }

        var interval = _protection.TemperatureShedInterval;
        if (!ShedDue(now, interval) || (_lastRelease is { } last && now - last < interval))
        {
            return;
        }

        var next = _slots.Where(s => s.ShedForHeat && s.Fault is null)
            .OrderByDescending(s => s.Priority)
            .ThenBy(s => s.Slot)
            .FirstOrDefault();
        if (next is not null)
        {
            Release(next, temperatureC);
            _lastRelease = now;
        }
    }

    /// <summary>A locked slot is not powered by anyone but the person who locked it.</summary>
    private static bool PowersOnWhenReleased(SlotRuntime slot) => slot.OnWhenReleased && !slot.Locked;

    private void Release(SlotRuntime slot, double temperatureC)
    {
        var powerOn = PowersOnWhenReleased(slot);
        slot.ShedForHeat = false;
        slot.OnWhenReleased = false;
        _events.Append(EventTypes.ShedReleased, slot.Slot, ProtectionSource, new JsonObject
        {
            ["temperature_c"] = Math.Round(temperatureC, 1),
            ["release_below_c"] = ReleaseBelowC,
            ["power_on"] = powerOn,
        });
        LogReleased(slot.Slot, temperatureC, powerOn);
        if (powerOn)
        {
            // Any person or the energy policy may take over from here: the power-on is not a protection.
            Enqueue(slot, CommandOrigin.Controller, ProtectionSource);
        }
    }
}
