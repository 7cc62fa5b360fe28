using System.Device.Gpio;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;

namespace PiChassis.Tests.Controller.Panel;

public partial class PanelServiceTests
{
    [Fact]
    public async Task Leds_SteadyStates_SteadyAndNoWritesWhileIdle()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);
        await rig.ExecuteAsync(2, SlotAction.ForceOff);
        await rig.AdvanceAsync(TimeSpan.FromMilliseconds(100));
        var from = rig.Time.GetUtcNow();
        long ledWrites = rig.LedChip.Transactions;
        long statusWrites = rig.Buses.GpioDriver.WriteCount(rig.StatusPin);

        await rig.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LedPatterns.On, Recognise(rig, 1, from));
        Assert.Equal(LedPatterns.Off, Recognise(rig, 2, from));
        Assert.Equal(LedPatterns.On, LedTrace.Recognise(rig.Buses.GpioDriver.Journal, rig.StatusPin, from, rig.Buses.GpioDriver.OutputLevel(rig.StatusPin) == PinValue.High));
        Assert.Equal(ledWrites, rig.LedChip.Transactions);
        Assert.Equal(statusWrites, rig.Buses.GpioDriver.WriteCount(rig.StatusPin));
    }

    [Fact]
    public async Task Leds_BootingAndQueued_FastAndSlowBlinkWithOneWritePerToggle()
    {
        await using var rig = await PanelRig.StartAsync();
        var from = rig.Time.GetUtcNow();
        long ledWrites = rig.LedChip.Transactions;
        await rig.ExecuteAsync(1, SlotAction.On);
        await rig.ExecuteAsync(2, SlotAction.On);

        await rig.AdvanceAsync(TimeSpan.FromSeconds(4));

        Assert.Equal((SlotPhase.Booting, SlotPhase.Queued), (rig.State(1).Phase, rig.State(2).Phase));
        Assert.Equal(LedPatterns.FastBlink, Recognise(rig, 1, from));
        Assert.Equal(LedPatterns.SlowBlink, Recognise(rig, 2, from));
        // Edges at 0, 125, ..., 4000 ms (33) and at 0, 500, ..., 4000 ms (9): each one write, no other.
        Assert.Equal(33, rig.LedChip.Journal.Count(c => c.Pin == 0 && c.At >= from));
        Assert.Equal(9, rig.LedChip.Journal.Count(c => c.Pin == 1 && c.At >= from));
        Assert.Equal(ledWrites + 33 + 9, rig.LedChip.Transactions);
    }

    [Fact]
    public async Task Leds_ShuttingDown_DoubleBlink()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);
        var from = rig.Time.GetUtcNow();

        await rig.ExecuteAsync(3, SlotAction.Off);
        await rig.AdvanceAsync(TimeSpan.FromSeconds(4));

        Assert.Equal(SlotPhase.ShuttingDown, rig.State(3).Phase);
        Assert.Equal(LedPatterns.DoubleBlink, Recognise(rig, 3, from));
    }

    [Fact]
    public async Task Leds_Identify_Strobe()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);
        var from = rig.Time.GetUtcNow();

        await rig.ExecuteAsync(1, SlotAction.Identify);
        await rig.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(LedPatterns.Strobe, Recognise(rig, 1, from));
        Assert.Equal(LedPatterns.On, Recognise(rig, 2, from));
    }

    [Fact]
    public async Task Leds_FaultWhileIdentifying_TripleFlashWinsAndStatusBlinksFast()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true, protection: p => p.OvercurrentA = 0.1, broker: new SettableBrokerStatus());
        await rig.ExecuteAsync(1, SlotAction.Identify);
        await TripAllAsync(rig);
        var from = rig.Time.GetUtcNow();

        await rig.AdvanceAsync(TimeSpan.FromSeconds(4));

        Assert.True(rig.State(1).Identifying);
        Assert.Equal(LedPatterns.TripleFlash, Recognise(rig, 1, from));
        Assert.Equal(LedPatterns.FastBlink, RecogniseStatus(rig, from));
    }

    [Fact]
    public async Task StatusLed_BrokerLostThenBack_SlowBlinkThenSteady()
    {
        var broker = new SettableBrokerStatus();
        await using var rig = await PanelRig.StartAsync(broker: broker);
        var lostAt = rig.Time.GetUtcNow();

        broker.Connection = BrokerConnection.Lost;
        await rig.AdvanceAsync(TimeSpan.FromSeconds(3));
        var whileLost = RecogniseStatus(rig, lostAt);
        broker.Connection = BrokerConnection.Connected;
        var backAt = rig.Time.GetUtcNow();
        await rig.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(LedPatterns.SlowBlink, whileLost);
        Assert.Equal(LedPatterns.On, RecogniseStatus(rig, backAt));
    }

    [Fact]
    public async Task Leds_PressOnLockedSlot_RefusalFlickerOnceThenItsOwnPattern()
    {
        await using var rig = await PanelRig.StartAsync();
        await rig.ExecuteAsync(1, SlotAction.Lock);
        var from = rig.Time.GetUtcNow();

        await rig.PressAsync(rig.ButtonPin(1), Tap);
        await rig.AdvanceAsync(TimeSpan.FromSeconds(2));

        // Five 50 ms flashes; the last dark gap runs into the slot's own dark.
        var segments = LedTrace.Segments(rig.LedChip.Journal, 0, from);
        Assert.Equal(LedPatterns.Refusal.Segments[..9], segments.Select(s => s.Held));
        Assert.Equal([true, false, true, false, true, false, true, false, true], segments.Select(s => s.Lit));
        Assert.False(rig.LedChip.OutputLevel(0));
        Assert.Equal(LedPatterns.Off, rig.Panel.SlotLed(1));
    }

    [Fact]
    public async Task LampTest_AtStart_EveryLedLitThenItsPattern()
    {
        await using var rig = await PanelRig.StartAsync(panel: new PanelOptions { LampTest = TimeSpan.FromSeconds(1) });
        var atStart = Enumerable.Range(0, 4).Select(rig.LedChip.OutputLevel).Append(rig.Buses.GpioDriver.OutputLevel(rig.StatusPin) == PinValue.High).ToList();

        await rig.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.All(atStart, Assert.True);
        Assert.All(Enumerable.Range(0, 4), pin => Assert.False(rig.LedChip.OutputLevel(pin)));
        Assert.Equal(PinValue.High, rig.Buses.GpioDriver.OutputLevel(rig.StatusPin));
    }

    private static LedPattern? Recognise(PanelRig rig, int slot, DateTimeOffset from) =>
        LedTrace.Recognise(rig.LedChip.Journal, slot - 1, from, rig.LedChip.OutputLevel(slot - 1));

    private static LedPattern? RecogniseStatus(PanelRig rig, DateTimeOffset from) =>
        LedTrace.Recognise(rig.Buses.GpioDriver.Journal, rig.StatusPin, from, rig.Buses.GpioDriver.OutputLevel(rig.StatusPin) == PinValue.High);
}
