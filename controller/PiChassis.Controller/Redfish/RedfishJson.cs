using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Source-generated serialisation, so Native AOT needs no reflection. Resources are built as
/// <see cref="JsonObject"/>s: Redfish names (<c>@odata.id</c>, <c>ResetType@Redfish.AllowableValues</c>) are keys, not C# names.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class RedfishJson : JsonSerializerContext;
