using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PiChassis.Shared.HomeAssistant;
using PiChassis.Shared.Payloads;

namespace PiChassis.Shared.Json;

/// <summary>
/// Source-generated JSON for every payload of the MQTT contract: snake_case names, times in UTC with
/// milliseconds, unset optional fields left out (fields docs/mqtt-api.md writes as null say so).
/// Numbers must be numbers: <c>"30"</c> for a number is an error, not a guess.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(InfoPayload))]
[JsonSerializable(typeof(ChassisTelemetryPayload))]
[JsonSerializable(typeof(SlotStatePayload))]
[JsonSerializable(typeof(SlotTelemetryPayload))]
[JsonSerializable(typeof(EventPayload))]
[JsonSerializable(typeof(RequestPayload))]
[JsonSerializable(typeof(ResponsePayload))]
[JsonSerializable(typeof(SlotSetPayload))]
[JsonSerializable(typeof(HeartbeatPayload))]
[JsonSerializable(typeof(AnnouncePayload))]
[JsonSerializable(typeof(NodeCommandPayload))]
[JsonSerializable(typeof(HaDeviceDiscovery))]
public sealed partial class PiChassisJson : JsonSerializerContext
{
    /// <summary>
    /// The contract's JSON as people read it on the wire: <c>°C</c> and apostrophes written as
    /// themselves, not <c>\u00B0</c> escapes (the payloads are never embedded in HTML).
    /// </summary>
    public static PiChassisJson Wire => _wire ??= new(new JsonSerializerOptions(Default.Options)
    {
        TypeInfoResolver = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static PiChassisJson? _wire;
}
