using System.Text.Json;

namespace PiChassis.Hardware.Simulation.State;

/// <summary>
/// Keeps the simulated hardware's state in one JSON file. A save writes a temporary file in the same
/// directory, flushes it to the disk and renames it over the old one, so a crash leaves either the old
/// or the new state, never a torn one. (The directory entry itself is not fsynced: .NET has no portable
/// way to, and losing the last rename on power loss only costs the last save.)
/// </summary>
public sealed class SimulatorStateFile
{
    public SimulatorStateFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
    }

    public string FilePath { get; }

    /// <summary>Replaces the saved state atomically.</summary>
    public void Save(SimulatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var directory = Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(FilePath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, state, SimulatorStateJsonContext.Default.SimulatorState);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The saved state, or null when none was saved yet (a fresh chassis).</summary>
    /// <exception cref="SimulatorStateFileException">The file is damaged or of an unknown format; it is not deleted.</exception>
    public SimulatorState? Load()
    {
        byte[] json;
        try
        {
            json = File.ReadAllBytes(FilePath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        SimulatorState? state;
        try
        {
            state = JsonSerializer.Deserialize(json, SimulatorStateJsonContext.Default.SimulatorState);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new SimulatorStateFileException($"Simulator state file '{FilePath}' is damaged: {ex.Message}", ex);
        }

        if (state is null)
        {
            throw new SimulatorStateFileException($"Simulator state file '{FilePath}' holds no state.");
        }

        if (state.FormatVersion != SimulatorState.CurrentFormatVersion)
        {
            throw new SimulatorStateFileException(
                $"Simulator state file '{FilePath}' has format {state.FormatVersion}; this build reads format {SimulatorState.CurrentFormatVersion}.");
        }

        return state;
    }
}
