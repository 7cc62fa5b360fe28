using System.Text.Json;
using Microsoft.Extensions.Logging;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// The learnt slot → node names that differ from the configuration, as <c>node-map.json</c> in the
/// data directory; replaced atomically so a crash leaves the old map or the new one. Saved behind,
/// on a task of its own (the newest map wins): the engine loop that learns a name never waits for
/// the disk.
/// </summary>
public sealed partial class NodeMapFile(string path, ILogger<NodeMapFile> logger)
{
    public const string FileName = "node-map.json";

    private readonly Lock _lock = new();
    private Dictionary<int, string>? _pending;
    private Task _saving = Task.CompletedTask;

    /// <summary>The saved map, once any save still in flight is done (read at start, off the engine loop).</summary>
    public IReadOnlyDictionary<int, string> Load()
    {
        WhenSavedAsync().GetAwaiter().GetResult();
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

    /// <summary>Hands <paramref name="map"/> to the background save; returns at once.</summary>
    public void Save(IReadOnlyDictionary<int, string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        lock (_lock)
        {
            var idle = _pending is null && _saving.IsCompleted;
            _pending = map.ToDictionary();
            if (idle)
            {
                _saving = Task.Run(SavePending);
            }
        }
    }

    /// <summary>Completes when every map handed to <see cref="Save"/> so far is on disk (or its failure logged).</summary>
    public Task WhenSavedAsync()
    {
        lock (_lock)
        {
            return _saving;
        }
    }

    private void SavePending()
    {
        while (true)
        {
            Dictionary<int, string> map;
            lock (_lock)
            {
                if (_pending is null)
                {
                    return;
                }

                map = _pending;
                _pending = null;
            }

            Write(map);
        }
    }

    private void Write(Dictionary<int, string> map)
    {
        try
        {
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(map, NodeMapJson.Default.DictionaryInt32String));
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
