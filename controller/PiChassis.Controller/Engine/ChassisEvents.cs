using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

/// <summary>
/// Numbers each event, writes it to the journal, then tells the listeners (MQTT publisher, LEDs).
/// Numbering continues from the journal, so <c>seq</c> never repeats across restarts.
/// </summary>
public sealed class ChassisEvents(IEventJournal journal, TimeProvider time)
{
    private readonly Lock _lock = new();

    /// <summary>Raised after the event is in the journal; handlers must be quick and not throw.</summary>
    public event EventHandler<ChassisEvent>? Appended;

    public IEventJournal Journal => journal;

    public ChassisEvent Append(string type, int? slot, string source, JsonObject? detail = null)
    {
        ChassisEvent appended;
        lock (_lock)
        {
            appended = new ChassisEvent(journal.LastSeq + 1, time.GetUtcNow(), type, slot, source, detail);
            journal.Append(appended);
        }

        Appended?.Invoke(this, appended);
        return appended;
    }
}
