using System.Globalization;
using PiChassis.Hardware.Simulation.Chips;

namespace PiChassis.Hardware.Simulation;

/// <summary>
/// The simulated hardware's own record of relay switching: an append-only text file with one line
/// per change of a slot relay's output, written as the emulated expander sees it. It lives outside
/// the controller process, so a test can tell whether a controller restart switched anything.
/// A line reads <c>2026-11-28T09:00:00.0000000+00:00 slot 3 mcp23017@0x20 pin 2 low</c>; the level
/// is <c>high</c>, <c>low</c>, or <c>input</c> when the pin stopped driving.
/// </summary>
public sealed class RelayWriteLog
{
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<int, EmulatedMcp23017> _expanders;
    private readonly Dictionary<int, string> _levels = [];

    private RelayWriteLog(string path, TimeProvider time, IReadOnlyDictionary<int, EmulatedMcp23017> expanders)
    {
        _path = path;
        _time = time;
        _expanders = expanders;
    }

    /// <summary>
    /// Starts logging the relay outputs of <paramref name="buses"/> to <paramref name="path"/>
    /// (appended to). The outputs as they are now are the baseline: only later changes are logged.
    /// </summary>
    public static RelayWriteLog Attach(SimulatedChassisBuses buses, IEnumerable<SimulatedSlotWiring> relays, string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(relays);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        var log = new RelayWriteLog(Path.GetFullPath(path), time, buses.Expanders);
        var byChip = relays.GroupBy(r => r.RelayExpanderAddress).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (address, wired) in byChip)
        {
            foreach (var relay in wired)
            {
                log._levels[relay.Slot] = log.Level(relay);
            }

            log._expanders[address].OutputsChanged += (_, _) => log.Check(wired);
        }

        return log;
    }

    public string FilePath => _path;

    private void Check(List<SimulatedSlotWiring> relays)
    {
        lock (_lock)
        {
            var lines = new List<string>();
            foreach (var relay in relays)
            {
                var level = Level(relay);
                if (_levels[relay.Slot] != level)
                {
                    _levels[relay.Slot] = level;
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{_time.GetUtcNow():O} slot {relay.Slot} mcp23017@0x{relay.RelayExpanderAddress:X2} pin {relay.RelayPin} {level}"));
                }
            }

            if (lines.Count > 0)
            {
                File.AppendAllLines(_path, lines);
            }
        }
    }

    private string Level(SimulatedSlotWiring relay)
    {
        var chip = _expanders[relay.RelayExpanderAddress];
        return !chip.IsOutput(relay.RelayPin) ? "input" : chip.OutputLevel(relay.RelayPin) ? "high" : "low";
    }
}
