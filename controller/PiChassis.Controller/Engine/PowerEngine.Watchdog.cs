using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

public sealed partial class PowerEngine
{
    private const string WatchdogSource = "watchdog";

    /// <summary>
    /// Watched slots must keep sending heartbeats while on. When they stop: restart (graceful),
    /// then hard cycle, then quarantine after too many attempts within the window.
    /// </summary>
    private void Watch()
    {
        var now = Now;
        foreach (var slot in _slots.Where(s => s.Phase == SlotPhase.On && _watchdog.Slots.Contains(s.Slot)))
        {
            var lastSign = slot.LastHeartbeat is { } beat && beat > (slot.OnSince ?? TimeSpan.Zero) ? beat : slot.OnSince ?? now;
            if (now - lastSign < _watchdog.HeartbeatTimeout)
            {
                continue;
            }

            slot.WatchdogAttempts.RemoveAll(t => now - t > _watchdog.AttemptWindow);
            var attempt = slot.WatchdogAttempts.Count + 1;
            string action;
            if (attempt > _watchdog.MaxAttempts)
            {
                action = "quarantine";
                Trip(slot, FaultCodes.WatchdogExhausted, $"no heartbeat after {_watchdog.MaxAttempts} attempts", cutPower: true, null);
            }
            else
            {
                slot.WatchdogAttempts.Add(now);
                action = attempt == 1 ? "restart" : "cycle";
                var command = new SlotCommand(slot.Slot, attempt == 1 ? SlotAction.Restart : SlotAction.Cycle, CommandOrigin.Watchdog, WatchdogSource);
                if (Arbitrate(slot, command) is null)
                {
                    Apply(slot, command);
                }
            }

            _events.Append(EventTypes.WatchdogAction, slot.Slot, WatchdogSource, new JsonObject
            {
                ["action"] = action,
                ["attempt"] = attempt,
                ["silent_s"] = Math.Round((now - lastSign).TotalSeconds, 1),
            });
            LogWatchdog(slot.Slot, action, attempt);
        }
    }
}
