using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// Holds the simulated hardware's relay write log against the journal: every relay output change
/// must belong to a power_on or power_off the engine journalled (which only a valid command,
/// protection or the policy causes). A change without one is a glitch.
/// </summary>
internal sealed class RelayAudit(string relayLogPath, IEventJournal journal)
{
    private readonly int _linesBefore = Lines(relayLogPath).Length;
    private readonly long _seqBefore = journal.LastSeq;

    public int Changes => Lines(relayLogPath).Length - _linesBefore;

    /// <summary>Relay changes per slot beyond what the journal explains.</summary>
    public int Glitches()
    {
        var writes = Lines(relayLogPath).Skip(_linesBefore).Select(l => l.Split(' ')).Select(p => (Slot: int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), Closed: p[^1] == "high")).ToList();
        var events = journal.Read(_seqBefore, int.MaxValue);
        var glitches = 0;
        foreach (var slot in writes.Select(w => w.Slot).Distinct())
        {
            var ons = events.Count(e => e.Slot == slot && e.Type == EventTypes.PowerOn);
            var offs = events.Count(e => e.Slot == slot && e.Type == EventTypes.PowerOff);
            glitches += Math.Max(0, writes.Count(w => w.Slot == slot && w.Closed) - ons) + Math.Max(0, writes.Count(w => w.Slot == slot && !w.Closed) - offs);
        }

        return glitches;
    }

    private static string[] Lines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
