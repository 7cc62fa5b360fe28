using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Storage;
using static PiChassis.Tests.Controller.Storage.EngineRig;

namespace PiChassis.Tests.Controller.Engine;

public class PowerEnginePersistenceTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly MemoryEventJournal _journal = new();

    [Fact]
    public void StartUp_RelaysFoundClosed_AdoptsThemAsOnWithoutAWrite()
    {
        var rig = new EngineRig(_time, _journal, RelaysFound(true, true, false));

        var started = rig.Engine.StartUp();
        Run(rig, TimeSpan.FromSeconds(30));

        Assert.Equal([SlotPhase.On, SlotPhase.On, SlotPhase.Off], rig.Engine.States.Select(s => s.Phase));
        Assert.All(rig.Relays, r => Assert.Equal(0, r.Writes));
        Assert.Equal(1, started.Seq);
        Assert.Equal(EventTypes.ControllerStarted, started.Type);
        Assert.Equal("[1,2]", started.Detail!["adopted"]!.ToJsonString());
        Assert.False(started.Detail["power_loss"]!.GetValue<bool>());
        Assert.Single(_journal.Read(0, 100));
    }

    [Fact]
    public void StartUp_StoredOnFoundOff_ReportsItAndPowersTheSlotThroughTheQueue()
    {
        var rig = new EngineRig(_time, _journal, RelaysFound(true, false));
        rig.Engine.Restore(Stored(1, SlotPhase.On, desiredOn: true));
        rig.Engine.Restore(Stored(2, SlotPhase.Booting, desiredOn: true));

        var started = rig.Engine.StartUp();

        var disagreement = Assert.Single(started.Detail!["disagreements"]!.AsArray());
        Assert.Equal("""{"slot":2,"stored":"on","found":"off","action":"on"}""", disagreement!.ToJsonString());
        Assert.Equal("[2]", started.Detail["restoring"]!.ToJsonString());
        Run(rig, TimeSpan.FromSeconds(1));
        Assert.Equal(SlotPhase.Booting, rig.State(2).Phase);
        Assert.Equal(0, rig.Relays[0].Writes);
        Assert.Equal(1, rig.Relays[1].Writes);
        Assert.All(_journal.Read(1, 100), e => Assert.Equal(PowerEngine.RestoreSource, e.Source));
    }

    [Fact]
    public void StartUp_StoredOnFoundOffWithRestorePolicyOff_LeavesItOff()
    {
        var rig = new EngineRig(_time, _journal, RelaysFound(true, false), [RestorePolicy.Last, RestorePolicy.Off]);
        rig.Engine.Restore(Stored(2, SlotPhase.On, desiredOn: true));

        var started = rig.Engine.StartUp();
        Run(rig, TimeSpan.FromSeconds(10));

        Assert.Equal("none", started.Detail!["disagreements"]![0]!["action"]!.GetValue<string>());
        Assert.Equal(SlotPhase.Off, rig.State(2).Phase);
        Assert.Equal(0, rig.Relays[1].Writes);
    }

    [Fact]
    public void StartUp_HaltWasUnderWay_AsksAgainAndCutsPowerOnceHalted()
    {
        var agent = new Mock<INodeAgent>();
        var rig = new EngineRig(_time, _journal, RelaysFound(true), agent: agent.Object);
        rig.Engine.Restore(Stored(1, SlotPhase.ShuttingDown, desiredOn: false));
        rig.DrawW[0] = 0.4;

        var started = rig.Engine.StartUp();
        Run(rig, TimeSpan.FromSeconds(5));

        agent.Verify(a => a.RequestHalt(1, "node01"), Times.Once);
        Assert.Equal("off", started.Detail!["disagreements"]![0]!["action"]!.GetValue<string>());
        Assert.Equal(SlotPhase.Off, rig.State(1).Phase);
        Assert.False(rig.Relays[0].IsClosed);
    }

    [Fact]
    public void Restore_EverythingKept_IsBackInTheStateAndPersistedAgain()
    {
        var fault = new SlotFault(FaultCodes.Overcurrent, "3.10 A > 2.50 A for 100 ms", _time.GetUtcNow() - TimeSpan.FromHours(3));
        var kept = new PersistedSlot[]
        {
            new(1, "node01", SlotPhase.On, true, SlotPolicy.AlwaysOn, false, null, 42, 6.1, false),
            new(2, "node02", SlotPhase.Off, false, SlotPolicy.Auto, true, null, 7, null, false),
            new(3, "node03", SlotPhase.Fault, false, SlotPolicy.Manual, false, fault, 3, 5.5, false),
        };
        var rig = new EngineRig(_time, _journal, RelaysFound(true, false, false));
        foreach (var slot in kept)
        {
            rig.Engine.Restore(slot);
        }

        rig.Engine.StartUp();

        Assert.Equal(kept, rig.Engine.Persisted());
        Assert.Equal(SlotPhase.Fault, rig.State(3).Phase);
        Assert.Equal(fault, rig.State(3).Fault);
        Assert.True(rig.State(2).Locked);
        Assert.Equal(42, rig.State(1).RelayCycles);
        var refused = rig.Engine.Execute(new SlotCommand(3, SlotAction.On, CommandOrigin.Remote, "test"));
        Assert.Equal(ErrorCodes.FaultLatched, refused.ErrorCode);
    }

    [Fact]
    public void StartUp_EverySlotUnpowered_RestoresPerPolicyStaggeredWithinBudget()
    {
        RestorePolicy[] policies = [RestorePolicy.On, RestorePolicy.On, RestorePolicy.Last, RestorePolicy.Last, RestorePolicy.Off, RestorePolicy.On];
        var rig = new EngineRig(_time, _journal, RelaysFound(false, false, false, false, false, false), policies, p =>
        {
            p.PsuBudgetW = 20;
            p.HeadroomW = 2;
        });
        rig.Engine.Restore(Stored(3, SlotPhase.On, desiredOn: true));
        rig.Engine.Restore(Stored(4, SlotPhase.Off, desiredOn: false));
        rig.Engine.Restore(Stored(5, SlotPhase.On, desiredOn: true));
        rig.Engine.Restore(Stored(6, SlotPhase.Off, desiredOn: false) with { Locked = true });

        var started = rig.Engine.StartUp();
        var lowestHeadroomW = double.MaxValue;
        Run(rig, TimeSpan.FromMinutes(2), () => lowestHeadroomW = Math.Min(lowestHeadroomW, rig.Engine.HeadroomW));

        Assert.True(started.Detail!["power_loss"]!.GetValue<bool>());
        Assert.Equal("[1,2,3,6]", started.Detail["restoring"]!.ToJsonString());
        Assert.Equal([true, true, true, false, false, false], rig.Relays.Select(r => r.IsClosed));
        Assert.Equal([1, 2, 3], PowerOns().Select(e => e.Slot!.Value));
        var at = PowerOns().Select(e => e.At).ToList();
        Assert.True(at[1] - at[0] >= rig.Power.MinStaggerInterval);
        Assert.True(at[2] - at[0] >= rig.Power.MinBootTime, "the third boot must wait until the first has finished: two boot peaks fill the budget");
        Assert.True(lowestHeadroomW >= 0, $"the supply was overcommitted by {-lowestHeadroomW:F1} W");
        Assert.Single(_journal.Read(0, 100), e => e.Type == EventTypes.CommandRejected && e.Slot == 6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StartUp_HeldSlotStoredToComeBack_StaysOffAndItsRestoreIsRefused(bool powerLoss)
    {
        var rig = new EngineRig(_time, _journal, RelaysFound(!powerLoss, false), [RestorePolicy.Last, RestorePolicy.On]);
        rig.Engine.Restore(Stored(2, SlotPhase.Off, desiredOn: true) with { ShedForHeat = true });

        var started = rig.Engine.StartUp();
        Run(rig, TimeSpan.FromMinutes(1));

        Assert.Equal(0, rig.Relays[1].Writes);
        var refused = Assert.Single(_journal.Read(0, 100), e => e.Type == EventTypes.CommandRejected);
        Assert.Equal(ErrorCodes.Held, refused.Detail!["code"]!.GetValue<string>());
        Assert.Equal(PowerEngine.RestoreSource, refused.Source);
        Assert.Equal("[2]", started.Detail!["held"]!.ToJsonString());
        Assert.Empty(started.Detail["disagreements"]!.AsArray());
        Assert.True(rig.State(2).Held);
        Assert.Equal(ErrorCodes.Held, rig.Engine.Execute(new SlotCommand(2, SlotAction.On, CommandOrigin.Button, "button")).ErrorCode);
        Assert.Equal((true, true), (rig.Engine.Persisted(2).ShedForHeat, rig.Engine.Persisted(2).DesiredOn));
    }

    [Fact]
    public void StartUp_BeforeTheFirstSweep_CountsRunningSlotsAtTheirReservation()
    {
        var rig = new EngineRig(_time, _journal, RelaysFound(true, true, false), power: p =>
        {
            p.PsuBudgetW = 20;
            p.HeadroomW = 2;
        });
        rig.Engine.Restore(Stored(3, SlotPhase.On, desiredOn: true));

        rig.Engine.StartUp();

        Assert.Equal(SlotPhase.Queued, rig.State(3).Phase);
        Run(rig, Tick);
        Assert.Equal(SlotPhase.Booting, rig.State(3).Phase);
    }

    [Fact]
    public void StartUp_RelayOpenedJustBeforeTheRestart_PoweredAgainOnlyOnceItsMinimumOffTimeIsOver()
    {
        // Switched off 2 s before the restart and asked on again, with the default 5 s minimum off-time.
        var rig = new EngineRig(_time, _journal, RelaysFound(false));
        rig.Engine.Restore(Stored(1, SlotPhase.Queued, desiredOn: true) with { RelayOpenedAt = _time.GetUtcNow() - TimeSpan.FromSeconds(2) });

        rig.Engine.StartUp();
        Run(rig, TimeSpan.FromSeconds(2.9));
        Assert.False(rig.Relays[0].IsClosed, "powered again 4.9 s after it was switched off");
        Run(rig, TimeSpan.FromSeconds(0.3));

        Assert.True(rig.Relays[0].IsClosed);
        Assert.Equal(SlotPhase.Booting, rig.State(1).Phase);
    }

    [Fact]
    public void StartUp_RelayOpenedLongBeforeTheRestart_PoweredAtOnce()
    {
        var rig = new EngineRig(_time, _journal, RelaysFound(false));
        rig.Engine.Restore(Stored(1, SlotPhase.Queued, desiredOn: true) with { RelayOpenedAt = _time.GetUtcNow() - TimeSpan.FromMinutes(10) });

        rig.Engine.StartUp();
        Run(rig, Tick);

        Assert.Equal(SlotPhase.Booting, rig.State(1).Phase);
    }

    [Fact]
    public void Restore_AfterStartUp_Throws()
    {
        var rig = new EngineRig(_time, _journal, RelaysFound(false));
        rig.Engine.StartUp();

        Assert.Throws<InvalidOperationException>(() => rig.Engine.Restore(Stored(1, SlotPhase.Off, desiredOn: false)));
        Assert.Throws<InvalidOperationException>(() => rig.Engine.StartUp());
    }

    private IEnumerable<ChassisEvent> PowerOns() => _journal.Read(0, 1000).Where(e => e.Type == EventTypes.PowerOn);

    private void Run(EngineRig rig, TimeSpan duration, Action? eachSweep = null)
    {
        for (var passed = TimeSpan.Zero; passed < duration; passed += Tick)
        {
            _time.Advance(Tick);
            rig.Engine.OnSnapshot(rig.Sweep());
            eachSweep?.Invoke();
        }
    }
}
