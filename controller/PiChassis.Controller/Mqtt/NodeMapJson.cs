using System.Text.Json.Serialization;

namespace PiChassis.Controller.Mqtt;

/// <summary>Source-generated JSON of the node map file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<int, string>))]
internal sealed partial class NodeMapJson : JsonSerializerContext;
