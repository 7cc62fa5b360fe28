using System.Globalization;
using System.Text;
using System.Text.Json;
using PiChassis.Controller.Engine;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// <c>slot/&lt;n&gt;/set</c>: the plain-text shortcuts (any case) and their JSON forms. The engine
/// answers through state changes and its own <c>command_rejected</c> events; what cannot even be
/// read is rejected here, and so is a slot's flood: a person clicks a slot's button a few times a
/// second at most, so more than <see cref="RatePerSecond"/> (bursts of <see cref="Burst"/>) is refused
/// before the engine sees it, each slot on its own.
/// </summary>
public sealed class SlotSetHandler(PowerEngineLoop loop, Rejections rejections, TimeProvider time)
{
    public const double RatePerSecond = 2;
    public const double Burst = 10;

    private readonly KeyedRateLimits _perSlot = new(RatePerSecond, Burst, 256, time);

    public async Task HandleAsync(string topic, string slotLevel, ReadOnlyMemory<byte> payload)
    {
        var slot = int.TryParse(slotLevel, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : (int?)null;
        if (slot is null)
        {
            rejections.Reject(topic, null, $"'{slotLevel}' is not a slot number");
            return;
        }

        // Read off the loop: the published states are an immutable array, replaced whole.
        if (!loop.Engine.States.Any(s => s.Slot == slot))
        {
            // A chassis event: a made-up slot number has no slot/<n>/event topic, no Redfish system,
            // and must not open a digest interval of its own (a client could otherwise journal one per number).
            rejections.Reject(topic, null, $"no slot {slot} in this chassis");
            return;
        }

        if (!_perSlot.TryTake(slot.Value.ToString(CultureInfo.InvariantCulture)))
        {
            rejections.Reject(topic, slot, $"more than {RatePerSecond} commands a second on slot {slot}", ErrorCodes.RateLimited);
            return;
        }

        if (payload.Length > RequestParser.MaxPayloadBytes)
        {
            rejections.Reject(topic, slot, $"the payload has {payload.Length} bytes, more than {RequestParser.MaxPayloadBytes}");
            return;
        }

        if (!TryRead(payload.Span, out var action, out var policy, out var source, out var error))
        {
            rejections.Reject(topic, slot, error);
            return;
        }

        await loop.ExecuteAsync(new SlotCommand(slot.Value, action, CommandOrigin.Remote, source, policy));
    }

    private static bool TryRead(ReadOnlySpan<byte> payload, out SlotAction action, out SlotPolicy? policy, out string source, out string error)
    {
        action = default;
        policy = null;
        source = RequestParser.DefaultSource;
        error = "";
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(payload).Trim();
        }
        catch (DecoderFallbackException)
        {
            error = "the payload is not UTF-8 text";
            return false;
        }

        if (!text.StartsWith('{'))
        {
            var known = WireValues.SlotShortcuts.FirstOrDefault(s => string.Equals(s, text, StringComparison.OrdinalIgnoreCase));
            action = known is null ? default : Enum.Parse<SlotAction>(known.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
            error = known is null ? $"'{Clip(text)}' is not one of {string.Join(", ", WireValues.SlotShortcuts)}" : "";
            return known is not null;
        }

        return TryReadJson(text, out action, out policy, ref source, out error);
    }

    private static bool TryReadJson(string text, out SlotAction action, out SlotPolicy? policy, ref string source, out string error)
    {
        action = default;
        policy = null;
        SlotSetPayload? command;
        try
        {
            command = JsonSerializer.Deserialize(text, PiChassisJson.Wire.SlotSetPayload);
        }
        catch (JsonException e)
        {
            error = e.Path is { Length: > 2 } path ? $"\"{path[2..]}\" has the wrong type" : $"the payload is not JSON: {e.Message}";
            return false;
        }

        if (command?.Source is { Length: > 0 } given)
        {
            if (given.Length > RequestParser.MaxSourceLength)
            {
                error = $"\"source\" has {given.Length} characters, more than {RequestParser.MaxSourceLength}";
                return false;
            }

            source = given;
        }

        var fields = new[] { command?.Power, command?.Action, command?.Policy }.Count(f => f is not null);
        error = fields == 1 ? "" : "give exactly one of \"power\", \"action\", \"policy\"";
        if (fields != 1)
        {
            return false;
        }

        if (command!.Policy is { } policyText)
        {
            error = RequestFields.OneOf(policyText, WireValues.Policies, out var wire) ? "" : $"\"policy\" '{Clip(policyText)}' is not one of {string.Join(", ", WireValues.Policies)}";
            action = SlotAction.SetPolicy;
            policy = error.Length == 0 ? RequestFields.ParsePolicy(wire) : null;
            return error.Length == 0;
        }

        var value = command.Power ?? command.Action!;
        var allowed = command.Power is not null ? WireValues.PowerStates : WireValues.SlotShortcuts;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        error = match is null ? $"'{Clip(value)}' is not one of {string.Join(", ", allowed.Select(a => a.ToLowerInvariant()))}" : "";
        action = match is null ? default : Enum.Parse<SlotAction>(match.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
        return match is not null;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
