using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

public sealed partial class PowerEngine
{
    /// <summary>Journals a refusal now when it is the first of its slot and reason in the interval; else it is counted.</summary>
    private void Reject(int? slot, string source, JsonObject detail)
    {
        if (_rejections.Count(slot, source, detail))
        {
            _events.Append(EventTypes.CommandRejected, slot, source, detail);
        }
    }

    private void JournalRepeatedRejections()
    {
        foreach (var (slot, source, detail) in _rejections.TakeEnded())
        {
            _events.Append(EventTypes.CommandRejected, slot, source, detail);
        }
    }
}
