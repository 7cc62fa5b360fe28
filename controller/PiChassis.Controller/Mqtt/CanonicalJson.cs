using System.Text.Json;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// JSON written one way only: no whitespace, each object's members in ordinal order, strings escaped
/// alike, numbers as sent. Two payloads that say the same in another layout (a client that sends
/// its request again re-serialized) give the same bytes.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The canonical form of <paramref name="json"/>; the bytes as they are where they are not JSON this can read.</summary>
    public static byte[] Of(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(json.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, document.RootElement);
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string with an escaped lone surrogate: compared byte for byte.
            return json.ToArray();
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
