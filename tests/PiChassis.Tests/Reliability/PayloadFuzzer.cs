using System.Globalization;
using System.Text;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// Hostile payloads for the command topics, repeatable from a seed: random bytes, mutated valid
/// requests (truncated, bytes flipped or inserted, values swapped for wrong types), deep nesting,
/// huge numbers, unicode and broken UTF-8, oversize documents. Every request template carries a
/// unique id so an answer can be matched to its request.
/// </summary>
internal sealed class PayloadFuzzer(int seed, int slots)
{
    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1e400", "-1e400", "99999999999999999999999", "1.5", "\"\"", "[]", "{}",
        "\"on\"", "\"off\"", "\"ready\"", "\"auto\"", "\"slot:1\"", "\"all\"", "\"n[0-99999999]\"", "\"\\u0000\"",
        "\"\\ud800\"", "\"🔥🔥\"", "[1,[2,[3]]]", "{\"a\":{\"b\":{}}}", "\"slot:0\"", "\"slot:1-4\"", "\"pi[01-99]\"", "NaN",
    ];

    private static readonly string[] Fields = ["id", "targets", "source", "state", "wait", "timeout_s", "policy", "nodes", "min_spare", "period", "since_seq", "limit"];

    private static readonly string[] Shortcuts = ["on", "off", "ON", "force_off", "cycle", "restart", "clear_fault", "identify", "lock", "unlock", "auto", "", " ", "onn", "0"];

    /// <summary>Structural JSON characters, a NUL, and a lone UTF-8 lead byte.</summary>
    private static readonly byte[] Inserted = [.. "{}[]\",:\\"u8, 0, 0xC3];

    private readonly Random _random = new(seed);
    private long _count;

    public (string Topic, byte[] Payload) Next(Topics topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var n = _count++;
        if (_random.Next(3) == 0)
        {
            var slot = _random.Next(8) switch { 0 => "0", 1 => "99", 2 => "x", _ => (_random.Next(slots) + 1).ToString(CultureInfo.InvariantCulture) };
            return ($"{topics.Base}/slot/{slot}/set", SlotPayload());
        }

        var verb = _random.Next(20) == 0 ? "bogus" : RequestVerbs.All[_random.Next(RequestVerbs.All.Count)];
        return (topics.Request(verb), RequestPayload($"fz-{seed}-{n}"));
    }

    private byte[] SlotPayload() => _random.Next(6) switch
    {
        0 => RandomBytes(64),
        1 => Encoding.UTF8.GetBytes(Shortcuts[_random.Next(Shortcuts.Length)]),
        2 => Mutate(Encoding.UTF8.GetBytes($"{{\"power\":{Value("\"off\"")},\"source\":{Value("\"fz\"")}}}")),
        3 => Encoding.UTF8.GetBytes($"{{\"action\":{Value("\"identify\"")},\"policy\":{Value("\"manual\"")}}}"),
        4 => Nested(),
        _ => Oversize(),
    };

    private byte[] RequestPayload(string id)
    {
        var fields = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\"");
        foreach (var field in Fields.Skip(1).Where(_ => _random.Next(3) == 0))
        {
            fields.Append(CultureInfo.InvariantCulture, $",\"{field}\":{Value(Typical(field))}");
        }

        var json = Encoding.UTF8.GetBytes(fields.Append('}').ToString());
        return _random.Next(10) switch
        {
            0 => RandomBytes(256),
            1 => json[.._random.Next(json.Length)],
            2 or 3 => Mutate(json),
            4 => Nested(),
            5 => Oversize(id),
            6 => Encoding.UTF8.GetBytes($"{{\"id\":{Value("\"x\"")},\"targets\":\"slot:1\"}}"),
            _ => json,
        };
    }

    /// <summary>A well-formed value for the field most of the time, any hostile value otherwise.</summary>
    private string Typical(string field) => field switch
    {
        "targets" => _random.Next(2) == 0 ? "\"slot:1-2\"" : "\"all\"",
        "state" => "\"on\"",
        "wait" => "\"relay\"",
        "timeout_s" => "0.5",
        "policy" => "\"manual\"",
        "limit" => "5",
        _ => "1",
    };

    private string Value(string typical) => _random.Next(3) == 0 ? Values[_random.Next(Values.Length)] : typical;

    private byte[] Mutate(byte[] json)
    {
        var bytes = new List<byte>(json);
        for (var i = _random.Next(1, 4); i > 0 && bytes.Count > 0; i--)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(3))
            {
                case 0: bytes[at] = (byte)_random.Next(256); break;
                case 1: bytes.Insert(at, Inserted[_random.Next(Inserted.Length)]); break;
                default: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }

    private byte[] RandomBytes(int max)
    {
        var bytes = new byte[_random.Next(max)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Nested()
    {
        var depth = _random.Next(1, 3000);
        var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, _random.Next(depth + 1)));
        return Encoding.UTF8.GetBytes(text);
    }

    private byte[] Oversize(string? id = null)
    {
        var filler = new string('x', _random.Next(8 * 1024, 40 * 1024));
        return Encoding.UTF8.GetBytes(id is null ? $"{{\"power\":\"on\",\"source\":\"{filler}\"}}" : $"{{\"id\":\"{id}\",\"targets\":\"all\",\"source\":\"{filler}\"}}");
    }
}
