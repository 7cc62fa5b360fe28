using System.Text.Json;

namespace PiChassis.Perf.Fleet;

/// <summary>
/// The fields of a JSON payload as paths with their kind (<c>results[].state.power:String</c>), so
/// two builds' payloads can be compared whatever their values; plain text is <c>text</c>.
/// </summary>
public static class JsonShape
{
    public static SortedSet<string> Of(string payload)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(payload);
            Walk(document.RootElement, "$", paths);
        }
        catch (JsonException)
        {
            paths.Add("text");
        }

        return paths;
    }

    private static void Walk(JsonElement element, string path, SortedSet<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, $"{path}.{property.Name}", paths);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[]", paths);
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                paths.Add($"{path}:Boolean");
                break;
            default:
                paths.Add($"{path}:{element.ValueKind}");
                break;
        }
    }
}
