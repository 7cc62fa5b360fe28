using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;

namespace PiChassis.Tests.Controller.Mqtt;

public class WaitTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static SlotState State(SlotPhase phase, bool power, SlotFault? fault = null) =>
        new(3, "node03", power, phase, SlotPolicy.Manual, false, fault, At, 0, false);

    [Theory]
    [InlineData(SlotAction.Identify)]
    [InlineData(SlotAction.Lock)]
    [InlineData(SlotAction.SetPolicy)]
    public void For_ActionsThatSwitchNothing_DoNotWait(SlotAction action)
    {
        Assert.Null(WaitConditions.For(action, WaitMode.Ready));
    }

    [Fact]
    public void For_WaitNone_DoesNotWait()
    {
        Assert.Null(WaitConditions.For(SlotAction.On, WaitMode.None));
    }

    [Theory]
    [InlineData(SlotPhase.Queued, false, WaitMode.Relay, null)]
    [InlineData(SlotPhase.Booting, true, WaitMode.Relay, true)]
    [InlineData(SlotPhase.Booting, true, WaitMode.Ready, null)]
    [InlineData(SlotPhase.On, true, WaitMode.Ready, true)]
    [InlineData(SlotPhase.ShuttingDown, true, WaitMode.Relay, null)]
    [InlineData(SlotPhase.Off, false, WaitMode.Ready, false)]
    [InlineData(SlotPhase.Fault, false, WaitMode.Relay, false)]
    public void For_PowerOn_DoneWhenRelayClosedOrNodeUp(SlotPhase phase, bool power, WaitMode mode, bool? ok)
    {
        var outcome = WaitConditions.For(SlotAction.On, mode)!(State(phase, power));

        Assert.Equal(ok, outcome?.Ok);
    }

    [Fact]
    public void For_CycleFromOn_WaitsThroughTheOffTime()
    {
        var condition = WaitConditions.For(SlotAction.Cycle, WaitMode.Relay)!;

        Assert.Null(condition(State(SlotPhase.Queued, false)));
        Assert.True(condition(State(SlotPhase.Booting, true))!.Ok);
    }

    [Fact]
    public void For_Fault_FailsWithFaultLatched()
    {
        var outcome = WaitConditions.For(SlotAction.Restart, WaitMode.Ready)!(State(SlotPhase.Fault, false, new SlotFault("overcurrent", "3 A", At)))!;

        Assert.Equal(ErrorCodes.FaultLatched, outcome.ErrorCode);
        Assert.Contains("overcurrent", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SlotPhase.ShuttingDown, true, null)]
    [InlineData(SlotPhase.Off, false, true)]
    [InlineData(SlotPhase.Fault, false, true)]
    public void For_PowerOff_DoneWhenTheRelayIsOpen(SlotPhase phase, bool power, bool? ok)
    {
        Assert.Equal(ok, WaitConditions.For(SlotAction.Off, WaitMode.Ready)!(State(phase, power))?.Ok);
    }

    [Fact]
    public async Task Register_AlreadySatisfied_CompletesAtOnce()
    {
        var rig = new TestEngine(powered: true);
        var waiter = new SlotWaiter(rig.Engine);

        var wait = waiter.Register(rig.State(1), WaitConditions.For(SlotAction.On, WaitMode.Ready)!);

        Assert.True(wait.IsCompleted);
        Assert.True((await wait).Ok);
        Assert.Equal(0, waiter.Count);
    }

    [Fact]
    public async Task Register_CompletesOnTheStateChangeThatSatisfiesIt()
    {
        var rig = new TestEngine();
        var waiter = new SlotWaiter(rig.Engine);
        rig.PowerOn(2);
        var wait = waiter.Register(rig.State(2), WaitConditions.For(SlotAction.On, WaitMode.Ready)!);
        Assert.False(wait.IsCompleted);

        rig.Engine.OnHeartbeat("node01");
        Assert.False(wait.IsCompleted);
        rig.Engine.OnHeartbeat("node02");

        var outcome = await wait;
        Assert.True(outcome.Ok);
        Assert.Equal(SlotPhase.On, outcome.State.Phase);
        Assert.Equal(0, waiter.Count);
    }

    [Fact]
    public void Cancel_ForgetsTheWait()
    {
        var rig = new TestEngine();
        var waiter = new SlotWaiter(rig.Engine);
        rig.PowerOn(2);
        var wait = waiter.Register(rig.State(2), WaitConditions.For(SlotAction.On, WaitMode.Ready)!);

        waiter.Cancel(wait);
        rig.Engine.OnHeartbeat("node02");

        Assert.False(wait.IsCompleted);
        Assert.Equal(0, waiter.Count);
    }
}
