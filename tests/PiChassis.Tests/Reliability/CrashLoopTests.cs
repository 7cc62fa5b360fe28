using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.Controller.Storage;
using PiChassis.Tests.EndToEnd;
using PiChassis.Tests.TestSupport;
using Xunit.Abstractions;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// The controller process killed with SIGKILL at random moments while slots are switched over
/// MQTT (power-ons queued, boards booting, graceful offs under way) and restarted on the same data
/// directory. The simulator's relay write log must show only commanded changes, the journal's seq
/// must run on without reuse or gap, the last command per slot must hold, and the stored energy
/// never falls back (what is lost is at most what the flush interval had not yet written).
/// </summary>
[Trait("Category", "Reliability")]
public sealed class CrashLoopTests(ITestOutputHelper output) : IDisposable
{
    private const int Slots = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private readonly TempDataDir _dir = new();

    private string RelayLog => Path.Combine(_dir.Path, "relay-writes.log");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Sigkill_AtRandomMomentsDuringActivity_NoRelayGlitchNoSeqGapDesiredStatesHold()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var client = await TestMqttClient.ConnectAsync(broker.Port, null, "pichassis/sim/status");
        var random = new Random(50);
        var commands = new List<(DateTimeOffset At, int Slot, bool On)>();
        var desired = new bool[Slots + 1];
        var seqProblems = 0;
        var energyFell = 0;
        for (var run = 0; run <= ReliabilitySettings.Kills; run++)
        {
            var seqAtKill = await ReadAsync(s => s.LastSeq(), 0L);
            var energyAtKill = await ReadAsync(s => s.LifetimeWh().Sum(), 0.0);
            client.Clear();
            using var controller = ControllerProcess.Start(Arguments(broker.Port));
            Assert.True(await client.WaitForAsync("pichassis/sim/status", p => p == "online", Patience) is not null, controller.Output);
            var started = await ReadAsync(s => s.EventsAfter(seqAtKill), []) is [var first, ..] ? first : default;
            seqProblems += run > 0 && (started.Seq != seqAtKill + 1 || started.Type != EventTypes.ControllerStarted) ? 1 : 0;
            energyFell += await ReadAsync(s => s.LifetimeWh().Sum(), 0.0) < energyAtKill ? 1 : 0;
            if (run == ReliabilitySettings.Kills)
            {
                await WaitUntilAsync(controller, async () => await ReadAsync(s => s.Phases(), []) is { Count: Slots } phases
                    && phases.Select((p, i) => desired[i + 1] ? p is "On" or "Booting" : p == "Off").All(b => b), "the desired states");
                break;
            }

            for (var burst = random.Next(1, 5); burst > 0; burst--)
            {
                var slot = random.Next(1, Slots + 1);
                var on = random.Next(2) == 0;
                commands.Add((DateTimeOffset.UtcNow, slot, on));
                desired[slot] = on;
                await client.PublishAsync($"pichassis/sim/slot/{slot}/set", on ? "on" : "off");
            }

            await Task.Delay(random.Next(300, 4000));
            controller.Kill();
            await controller.WaitForExitAsync(Patience);
        }

        var events = await ReadAsync(s => s.EventsAfter(0), []);
        var seqs = events.Select(e => e.Seq).ToList();
        var glitches = Glitches(commands);
        ReliabilitySummary.Add(output, "crash loop", "SIGKILL restarts", ReliabilitySettings.Kills);
        ReliabilitySummary.Add(output, "crash loop", "commands sent", commands.Count);
        ReliabilitySummary.Add(output, "crash loop", "relay changes", File.ReadAllLines(RelayLog).Length);
        ReliabilitySummary.Add(output, "crash loop", "relay glitches", glitches);
        ReliabilitySummary.Add(output, "crash loop", "seq reused or skipped", seqProblems + seqs.Count - seqs.Distinct().Count());
        ReliabilitySummary.Add(output, "crash loop", "energy fell back at restart", energyFell);
        ReliabilitySummary.Add(output, "crash loop", "energy loss bound (flush interval, s)", FlushInterval.TotalSeconds, "F0");
        Assert.Equal(0, glitches);
        Assert.Equal(0, seqProblems);
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(0, energyFell);
    }

    /// <summary>
    /// Relay switchings no command explains: the slot's latest command before it, or one sent since
    /// the slot's previous switching, must ask for that state (an off then on while a board halts
    /// is carried out as both, even across a restart). A pin going from input (not driving, relay
    /// open) to low (relay open) switches nothing.
    /// </summary>
    private int Glitches(List<(DateTimeOffset At, int Slot, bool On)> commands)
    {
        var glitches = 0;
        var closed = new bool[Slots + 1];
        var previous = new DateTimeOffset[Slots + 1];
        foreach (var line in File.ReadAllLines(RelayLog))
        {
            var parts = line.Split(' ');
            var at = DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture);
            var slot = int.Parse(parts[2], CultureInfo.InvariantCulture);
            var nowClosed = parts[^1] == "high";
            var switched = nowClosed != closed[slot];
            var since = previous[slot];
            closed[slot] = nowClosed;
            previous[slot] = at;
            var latest = commands.LastOrDefault(c => c.Slot == slot && c.At <= at);
            var asked = (latest != default && latest.On == nowClosed) || commands.Any(c => c.Slot == slot && c.On == nowClosed && c.At > since && c.At <= at);
            if (switched && !asked)
            {
                glitches++;
                output.WriteLine($"unasked relay change: {line}");
            }
        }

        return glitches;
    }

    private string[] Arguments(int port) =>
    [
        "--simulate", "--slots", Slots.ToString(CultureInfo.InvariantCulture), "--data-dir", _dir.Path,
        "--ConsoleView:Enabled=false", "--Simulation:StartPowered=false",
        "--Mqtt:Embedded=false", "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={port}",
        $"--Storage:EnergyFlushInterval={FlushInterval}",
    ];

    /// <summary>Reads the store, which may not exist yet or be busy at that instant.</summary>
    private async Task<T> ReadAsync<T>(Func<StoreReader, T> read, T empty)
    {
        var store = new StoreReader(_dir.Path);
        for (var attempt = 0; store.Exists; attempt++)
        {
            try
            {
                return read(store);
            }
            catch (SqliteException) when (attempt < 50)
            {
                await Task.Delay(50);
            }
        }

        return empty;
    }

    private static async Task WaitUntilAsync(ControllerProcess controller, Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(controller.HasExited || waited.Elapsed > Patience, $"Waited in vain for {what}. Controller output:\n{controller.Output}");
            await Task.Delay(100);
        }
    }
}
