using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Storage;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.EndToEnd;

/// <summary>
/// The controller process on the simulated chassis, killed and restarted on the same data directory.
/// The simulator keeps its chips' state in the data directory and logs every relay output change
/// there, so the hardware's own record shows whether a restart switched anything.
/// </summary>
public sealed class ControllerRestartTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempDataDir _dir = new();
    private readonly StoreReader _store;

    public ControllerRestartTests() => _store = new StoreReader(_dir.Path);

    private string RelayLog => Path.Combine(_dir.Path, "relay-writes.log");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Restart_AfterSigkill_TakesOverWithoutSwitchingAndContinuesSeqAndEnergy()
    {
        using (var first = ControllerProcess.Start(Arguments(flushInterval: "00:00:01")))
        {
            await WaitUntilAsync(first, () => _store.Phases() is ["On", "On", "Off", "Off"] && _store.LifetimeWh() is [> 0, > 0, 0, 0],
                "slots 1 and 2 restored on after the power came back, with energy flushed");
            await KillAsync(first);
        }

        var seqAtKill = _store.LastSeq();
        var energyAtKill = _store.LifetimeWh();
        var relayWrites = File.ReadAllLines(RelayLog);
        Assert.Equal(2, relayWrites.Count(l => l.EndsWith(" high", StringComparison.Ordinal)));

        var lowestSlot1Wh = double.MaxValue;
        using (var second = ControllerProcess.Start(Arguments(flushInterval: "00:00:01")))
        {
            await WaitUntilAsync(second, () => _store.LastSeq() > seqAtKill, "controller_started");
            await WaitUntilAsync(second, () =>
            {
                var slot1Wh = _store.LifetimeWh()[0];
                lowestSlot1Wh = Math.Min(lowestSlot1Wh, slot1Wh);
                return slot1Wh > energyAtKill[0];
            }, "slot 1's energy to go on from where it was");
            await KillAsync(second);
        }

        Assert.Equal(relayWrites, File.ReadAllLines(RelayLog));
        var events = _store.EventsAfter(seqAtKill);
        Assert.Equal(seqAtKill + 1, events[0].Seq);
        Assert.Equal(EventTypes.ControllerStarted, events[0].Type);
        Assert.Equal("[1,2]", events[0].Detail!["adopted"]!.ToJsonString());
        Assert.Equal("unclean", events[0].Detail!["store"]!["previous_stop"]!.GetValue<string>());
        Assert.DoesNotContain(events, e => e.Type is EventTypes.PowerOn or EventTypes.PowerOff or EventTypes.PhaseChanged);
        Assert.Equal(["On", "On", "Off", "Off"], _store.Phases());
        Assert.True(lowestSlot1Wh >= energyAtKill[0], $"slot 1's energy fell from {energyAtKill[0]} Wh to {lowestSlot1Wh} Wh");
    }

    [Fact]
    public async Task Restart_AfterSigterm_LeavesRelaysAloneAndLosesNothing()
    {
        long seqAtStop;
        IReadOnlyList<double> energyAtStop;
        string[] relayWrites;
        using (var first = ControllerProcess.Start(Arguments(flushInterval: "01:00:00")))
        {
            await WaitUntilAsync(first, () => _store.Phases() is ["On", "On", "Off", "Off"], "slots 1 and 2 restored on");
            relayWrites = File.ReadAllLines(RelayLog);
            first.Terminate();
            Assert.True(await first.WaitForExitAsync(Patience) == 0, first.Output);
        }

        // With an hour's flush interval only the stop can have written what the slots drew.
        seqAtStop = _store.LastSeq();
        energyAtStop = _store.LifetimeWh();
        var savedAtStop = _store.Meta("energy_saved_at");
        Assert.Equal("stopped", _store.Meta("run"));
        Assert.True(energyAtStop[0] > 0 && energyAtStop[1] > 0, $"energy at stop: {string.Join(", ", energyAtStop)}");
        Assert.Equal(relayWrites, File.ReadAllLines(RelayLog));

        using (var second = ControllerProcess.Start(Arguments(flushInterval: "01:00:00")))
        {
            await WaitUntilAsync(second, () => _store.Meta("energy_saved_at") != savedAtStop, "the energy written right after the restore");
            Assert.Equal(energyAtStop, _store.LifetimeWh());
            second.Terminate();
            await second.WaitForExitAsync(Patience);
        }

        var started = _store.EventsAfter(seqAtStop)[0];
        Assert.Equal((seqAtStop + 1, EventTypes.ControllerStarted), (started.Seq, started.Type));
        Assert.Equal("clean", started.Detail!["store"]!["previous_stop"]!.GetValue<string>());
        Assert.Equal(relayWrites, File.ReadAllLines(RelayLog));
    }

    /// <summary>Polls the store until <paramref name="condition"/> holds (a store without its tables yet is "not yet").</summary>
    private static async Task WaitUntilAsync(ControllerProcess controller, Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!Holds(condition))
        {
            Assert.False(controller.HasExited || waited.Elapsed > Patience, $"Waited in vain for {what}. Controller output:\n{controller.Output}");
            await Task.Delay(100);
        }
    }

    private static bool Holds(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to write anything more.</summary>
    private static async Task KillAsync(ControllerProcess controller)
    {
        controller.Kill();
        await controller.WaitForExitAsync(Patience);
    }

    /// <summary>
    /// A fresh simulated chassis with its power just back (every slot unpowered): slots 1 and 2
    /// restore on, 3 and 4 stay off. Boots settle within seconds so the test does not wait for a Pi.
    /// </summary>
    private string[] Arguments(string flushInterval) =>
    [
        "--simulate", "--slots", "4", "--data-dir", _dir.Path,
        "--ConsoleView:Enabled=false",
        "--Simulation:StartPowered=false",
        "--Chassis:Slots:0:Slot=1", "--Chassis:Slots:0:RestorePolicy=on",
        "--Chassis:Slots:1:Slot=2", "--Chassis:Slots:1:RestorePolicy=on",
        "--Power:StaggerInterval=00:00:00.5",
        "--Power:MinBootTime=00:00:01",
        "--Power:BootSettleTime=00:00:01",
        "--Power:BootSettleBandW=10",
        $"--Storage:EnergyFlushInterval={flushInterval}",
    ];
}
