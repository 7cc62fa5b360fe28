using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Hostlists;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Checks a request from the outside world before anything is done: size, JSON, the id, the verb,
/// every field's type and range. Hostile input ends here as a <see cref="RequestRejection"/>.
/// </summary>
public static class RequestParser
{
    public const int MaxPayloadBytes = 8 * 1024;
    public const int MaxIdLength = 64;
    public const int MaxSourceLength = 32;
    public const int DefaultEventLimit = 100;
    public const int MaxEventLimit = 1000;
    public const int DefaultProfileMinutes = 60;
    public const int MaxProfileMinutes = 1440;
    public const string DefaultSource = "mqtt";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public static bool TryParse(
        string verb,
        ReadOnlySpan<byte> payload,
        [NotNullWhen(true)] out ParsedRequest? request,
        [NotNullWhen(false)] out RequestRejection? rejection)
    {
        request = null;
        var oversize = payload.Length > MaxPayloadBytes ? $"the payload has {payload.Length} bytes, more than {MaxPayloadBytes}" : null;
        // JsonDocument does not check the text inside strings: reading an id made of broken UTF-8
        // (or an escaped lone surrogate) would throw InvalidOperationException, not JsonException.
        if (!Utf8.IsValid(payload))
        {
            rejection = new RequestRejection(null, oversize ?? "the payload is not UTF-8 text");
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            rejection = new RequestRejection(null, oversize ?? $"the payload is not JSON: {e.Message}");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var idElement) ? ReadId(idElement) : null;
            if (oversize is not null)
            {
                rejection = new RequestRejection(string.IsNullOrEmpty(id) ? null : id, oversize);
                return false;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                rejection = new RequestRejection(null, $"the payload is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
                return false;
            }

            if (string.IsNullOrEmpty(id))
            {
                rejection = new RequestRejection(null, "the request has no \"id\" string");
                return false;
            }

            if (GivenTwice(root) is { } twice)
            {
                rejection = new RequestRejection(id, $"\"{twice}\" is given twice");
                return false;
            }

            rejection = Check(verb, id, document, out request);
            return rejection is null;
        }
    }

    /// <summary>A property the request gives twice: {"state":"on","state":"force_off"} must not mean whichever came last.</summary>
    private static string? GivenTwice(JsonElement root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var property in root.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    return property.Name;
                }
            }

            return null;
        }
        catch (InvalidOperationException)
        {
            // A name with an escaped lone surrogate cannot be read; the fields that matter are read by name.
            return null;
        }
    }

    /// <summary>The id when it is a string that can be read; an escaped lone surrogate cannot.</summary>
    private static string? ReadId(JsonElement element)
    {
        try
        {
            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static RequestRejection? Check(string verb, string id, JsonDocument document, out ParsedRequest? request)
    {
        request = null;
        if (id.Length > MaxIdLength)
        {
            return new RequestRejection(id, $"\"id\" has {id.Length} characters, more than {MaxIdLength}");
        }

        if (!RequestVerbs.All.Contains(verb))
        {
            return new RequestRejection(id, $"unknown verb '{verb}'; the verbs are {string.Join(", ", RequestVerbs.All)}");
        }

        RequestPayload payload;
        try
        {
            payload = document.Deserialize(PiChassisJson.Wire.RequestPayload)!;
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : "a field";
            return new RequestRejection(id, $"\"{field}\" has the wrong type");
        }

        var source = string.IsNullOrEmpty(payload.Source) ? DefaultSource : payload.Source;
        if (source.Length > MaxSourceLength)
        {
            return new RequestRejection(id, $"\"source\" has {source.Length} characters, more than {MaxSourceLength}");
        }

        var needsTargets = verb is not (RequestVerbs.Status or RequestVerbs.Energy or RequestVerbs.Events or RequestVerbs.Capacity or RequestVerbs.Profile);
        Hostlist? targets;
        if (payload.Targets is null)
        {
            if (needsTargets)
            {
                return new RequestRejection(id, "\"targets\" is missing");
            }

            targets = Hostlist.Parse(Hostlist.AllKeyword);
        }
        else if (!Hostlist.TryParse(payload.Targets, out targets, out var hostlistError))
        {
            return new RequestRejection(id, $"\"targets\": {hostlistError}");
        }

        var common = new ParsedRequest(verb, id, targets, source);
        return RequestFields.Check(verb, payload, common, out request);
    }
}
