using System.Text.Json;
using Microsoft.Extensions.Logging;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// The learnt slot → node names that differ from the configuration, as <c>node-map.json</c> in the
/// data directory; replaced atomically so a crash leaves the old map or the new one.
/// </summary>
public sealed partial class NodeMapFile(string path, ILogger<NodeMapFile> logger)
{
    public const string FileName = "node-map.json";

    public IReadOnlyDictionary<int, string> Load()
    {
        try
        {
            if (!File.Exists(path))
            {
                return new Dictionary<int, string>();
            }

            var map = JsonSerializer.Deserialize(File.ReadAllBytes(path), NodeMapJson.Default.DictionaryInt32String) ?? [];
            return map.Where(e => NodeNames.IsValid(e.Value)).ToDictionary(e => e.Key, e => e.Value);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            LogLoadFailed(path, e.Message);
            return new Dictionary<int, string>();
        }
    }

    public void Save(IReadOnlyDictionary<int, string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        try
        {
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(map.ToDictionary(), NodeMapJson.Default.DictionaryInt32String));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(path, e.Message);
        }
    }

    [LoggerMessage(EventId = 441, Level = LogLevel.Warning, Message = "Node map {Path} could not be read: {Reason}; using the configured names")]
    private partial void LogLoadFailed(string path, string reason);

    [LoggerMessage(EventId = 442, Level = LogLevel.Error, Message = "Node map {Path} could not be saved: {Reason}")]
    private partial void LogSaveFailed(string path, string reason);
}
