using System.Text.Json.Nodes;

namespace PiChassis.Controller.Engine;

/// <summary>
/// Refused commands become one <c>command_rejected</c> event per slot and reason per
/// <see cref="Interval"/>, with a <c>count</c>: a client repeating a refused command (or garbage) as
/// fast as it can must not push the audit trail out of the journal nor fill the disk. The first
/// refusal after a quiet interval is journalled at once (count 1); the ones after it are counted and
/// journalled together, with the last one's detail, when the interval ends. Thread-safe: the MQTT
/// receive path counts in one (<c>Mqtt.Rejections</c>), the engine loop alone in its own.
/// </summary>
public sealed class RejectionDigest(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Slot and reason pairs counted at once; more (a bound only: refusals name the chassis's own slots or none) share the chassis-wide pair of their reason.</summary>
    private const int MaxOpen = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<(int? Slot, string Code), Repeats> _open = [];

    /// <summary>True when this refusal is journalled now (its detail gets <c>count</c> 1); false when it is counted for later.</summary>
    public bool Count(int? slot, string source, JsonObject detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var code = (string?)detail["code"] ?? "";
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var key = _open.Count >= MaxOpen && !_open.ContainsKey((slot, code)) ? (null, code) : (slot, code);
            if (_open.TryGetValue(key, out var repeats))
            {
                repeats.Add(source, detail);
                return false;
            }

            _open[key] = new Repeats(now);
        }

        detail["count"] = 1;
        return true;
    }

    /// <summary>The refusals counted in intervals that have ended, one event's slot, source and detail each.</summary>
    public IReadOnlyList<(int? Slot, string Source, JsonObject Detail)> TakeEnded()
    {
        var now = time.GetUtcNow();
        var ended = new List<(int?, string, JsonObject)>();
        lock (_lock)
        {
            foreach (var (key, repeats) in _open.Where(o => now - o.Value.Since >= Interval).ToList())
            {
                if (repeats.Last is not { } last)
                {
                    _open.Remove(key);
                    continue;
                }

                // A refusal still going on starts its next interval now, so it stays one event per interval.
                last.Detail["count"] = repeats.Number;
                ended.Add((key.Slot, last.Source, last.Detail));
                _open[key] = new Repeats(now);
            }
        }

        return ended;
    }

    private sealed class Repeats(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public int Number { get; private set; }

        public (string Source, JsonObject Detail)? Last { get; private set; }

        public void Add(string source, JsonObject detail)
        {
            Number++;
            Last = (source, detail);
        }
    }
}
