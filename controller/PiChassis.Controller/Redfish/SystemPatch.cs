using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// A checked PATCH of a ComputerSystem: <c>LocationIndicatorActive</c> (or the older <c>IndicatorLED</c>,
/// <c>Lit</c> and <c>Blinking</c> both meaning identify) and <c>Boot</c>'s override are writable; every other property is refused, and one bad property refuses the whole request.
/// </summary>
public sealed record SystemPatch(bool? Identify, BootOverride? Boot)
{
    private static readonly string[] BootWritable = ["BootSourceOverrideEnabled", "BootSourceOverrideTarget", "BootSourceOverrideMode"];

    /// <summary>Reads <paramref name="body"/> against the resource as it is now; false with the error to answer.</summary>
    public static bool TryParse(JsonElement body, JsonObject current, BootOverride boot, out SystemPatch patch, out (int Status, RedfishMessage Message) error)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(boot);
        patch = new SystemPatch(null, null);
        error = default;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "LocationIndicatorActive":
                    if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        error = TypeError(property.Value, property.Name);
                        return false;
                    }

                    patch = patch with { Identify = property.Value.GetBoolean() };
                    break;
                case "IndicatorLED":
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        error = TypeError(property.Value, property.Name);
                        return false;
                    }

                    if (property.Value.GetString() is not ("Lit" or "Blinking" or "Off"))
                    {
                        error = (StatusCodes.Status400BadRequest, RedfishMessage.PropertyValueNotInList(property.Value.GetString()!, property.Name, "one of Lit, Blinking, Off"));
                        return false;
                    }

                    patch = patch with { Identify = property.Value.GetString() != "Off" };
                    break;
                case nameof(Boot):
                    if (!TryParseBoot(property.Value, current[nameof(Boot)]!.AsObject(), patch.Boot ?? boot, out var parsed, out error))
                    {
                        return false;
                    }

                    patch = patch with { Boot = parsed };
                    break;
                default:
                    error = Refused(current, property.Name, property.Name);
                    return false;
            }
        }

        return true;
    }

    private static bool TryParseBoot(JsonElement value, JsonObject current, BootOverride boot, out BootOverride parsed, out (int, RedfishMessage) error)
    {
        parsed = boot;
        error = default;
        if (value.ValueKind != JsonValueKind.Object)
        {
            error = TypeError(value, nameof(Boot));
            return false;
        }

        foreach (var property in value.EnumerateObject())
        {
            var name = $"Boot/{property.Name}";
            if (!BootWritable.Contains(property.Name))
            {
                error = Refused(current, property.Name, name);
                return false;
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                error = TypeError(property.Value, name);
                return false;
            }

            var text = property.Value.GetString()!;
            var allowed = property.Name switch
            {
                "BootSourceOverrideEnabled" => BootOverride.EnabledValues,
                "BootSourceOverrideTarget" => BootOverride.TargetValues,
                _ => BootOverride.ModeValues,
            };
            if (!allowed.Contains(text))
            {
                error = (StatusCodes.Status400BadRequest, RedfishMessage.PropertyValueNotInList(text, name, $"one of {string.Join(", ", allowed)}"));
                return false;
            }

            parsed = property.Name switch
            {
                "BootSourceOverrideEnabled" => parsed with { Enabled = text },
                "BootSourceOverrideTarget" => parsed with { Target = text },
                _ => parsed with { Mode = text },
            };
        }

        return true;
    }

    /// <summary>A property the resource has is read-only; one it does not have is unknown.</summary>
    private static (int, RedfishMessage) Refused(JsonObject current, string key, string name) =>
        (StatusCodes.Status400BadRequest, current.ContainsKey(key) ? RedfishMessage.PropertyNotWritable(name) : RedfishMessage.PropertyUnknown(name));

    private static (int, RedfishMessage) TypeError(JsonElement value, string name) =>
        (StatusCodes.Status400BadRequest, RedfishMessage.PropertyValueTypeError(RedfishBody.Text(value), name));
}
