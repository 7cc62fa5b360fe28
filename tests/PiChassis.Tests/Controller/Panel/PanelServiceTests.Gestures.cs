using System.Device.Gpio;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Panel;

public partial class PanelServiceTests
{
    private static readonly TimeSpan Tap = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task ShortPress_OffSlot_PowersOnAndRecordsShortPress()
    {
        await using var rig = await PanelRig.StartAsync();

        await rig.PressAsync(rig.ButtonPin(1), Tap);

        var press = Assert.Single(rig.EventsOf(EventTypes.ButtonPress));
        Assert.Equal(1, press.Slot);
        Assert.Equal("button", press.Source);
        Assert.Equal("short", (string?)press.Detail!["press"]);
        Assert.Equal("on", (string?)press.Detail["action"]);
        Assert.Equal(SlotPhase.Booting, rig.State(1).Phase);
        Assert.True(rig.Physics.Slot(1).RelayInputClosed);
    }

    [Fact]
    public async Task ShortPress_OnSlot_ShutsItDownGracefully()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);

        await rig.PressAsync(rig.ButtonPin(2), Tap);

        Assert.Equal("off", (string?)Assert.Single(rig.EventsOf(EventTypes.ButtonPress)).Detail!["action"]);
        Assert.Equal(SlotPhase.ShuttingDown, rig.State(2).Phase);
        Assert.Equal(SlotPhase.On, rig.State(1).Phase);
    }

    [Fact]
    public async Task LongPress_OnSlot_ForcesOffWhileHeldAndIsNotAlsoAShortPress()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);

        rig.Buses.GpioDriver.SetInputLevel(rig.ButtonPin(1), PinValue.Low);
        await rig.AdvanceAsync(TimeSpan.FromSeconds(2.9));
        var phaseBeforeThreshold = rig.State(1).Phase;
        await rig.AdvanceAsync(TimeSpan.FromSeconds(0.2));
        var phaseWhileHeld = rig.State(1).Phase;
        rig.Buses.GpioDriver.SetInputLevel(rig.ButtonPin(1), PinValue.High);
        await rig.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(SlotPhase.On, phaseBeforeThreshold);
        Assert.Equal(SlotPhase.Off, phaseWhileHeld);
        var press = Assert.Single(rig.EventsOf(EventTypes.ButtonPress));
        Assert.Equal("long", (string?)press.Detail!["press"]);
        Assert.Equal("force_off", (string?)press.Detail["action"]);
        Assert.False(rig.Physics.Slot(1).RelayInputClosed);
    }

    [Fact]
    public async Task DoublePress_Slot_StartsIdentifyWithoutSwitching()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);
        var pin = rig.ButtonPin(3);

        rig.Buses.GpioDriver.SetInputLevel(pin, PinValue.Low);
        await rig.AdvanceAsync(TimeSpan.FromMilliseconds(100));
        rig.Buses.GpioDriver.SetInputLevel(pin, PinValue.High);
        await rig.AdvanceAsync(TimeSpan.FromMilliseconds(150));
        await rig.PressAsync(pin, TimeSpan.FromMilliseconds(100));

        var press = Assert.Single(rig.EventsOf(EventTypes.ButtonPress));
        Assert.Equal("double", (string?)press.Detail!["press"]);
        Assert.Equal("identify", (string?)press.Detail["action"]);
        Assert.True(rig.State(3).Identifying);
        Assert.Equal(SlotPhase.On, rig.State(3).Phase);
    }

    [Fact]
    public async Task BouncingContact_PressAndRelease_OneShortPress()
    {
        await using var rig = await PanelRig.StartAsync();
        var pin = rig.ButtonPin(1);

        await BounceAsync(rig, pin, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low);
        await rig.AdvanceAsync(TimeSpan.FromMilliseconds(200));
        await BounceAsync(rig, pin, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High);
        await rig.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal("short", (string?)Assert.Single(rig.EventsOf(EventTypes.ButtonPress)).Detail!["press"]);
        Assert.Equal(SlotPhase.Booting, rig.State(1).Phase);
    }

    [Fact]
    public async Task Press_LockedSlot_RecordedAndRefusedWithoutSwitching()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);
        await rig.ExecuteAsync(1, SlotAction.Lock);

        await rig.PressAsync(rig.ButtonPin(1), Tap);
        await rig.PressAsync(rig.ButtonPin(1), TimeSpan.FromSeconds(3.5));

        var presses = rig.EventsOf(EventTypes.ButtonPress);
        Assert.Equal(2, presses.Count);
        Assert.All(presses, p => Assert.Equal("locked", (string?)p.Detail!["refused"]));
        Assert.Equal(SlotPhase.On, rig.State(1).Phase);
        Assert.True(rig.Physics.Slot(1).RelayInputClosed);
    }

    [Fact]
    public async Task ShortPress_SlotQueuedByRemote_ButtonWinsAndCancelsIt()
    {
        await using var rig = await PanelRig.StartAsync();
        await rig.ExecuteAsync(1, SlotAction.On);
        await rig.ExecuteAsync(2, SlotAction.On);
        var queuedByRemote = rig.State(2).Phase;

        await rig.PressAsync(rig.ButtonPin(2), Tap);

        Assert.Equal(SlotPhase.Queued, queuedByRemote);
        Assert.Equal(SlotPhase.Off, rig.State(2).Phase);
        Assert.Empty(rig.EventsOf(EventTypes.CommandRejected));
    }

    [Fact]
    public async Task RemoteOn_WhileButtonShutsSlotDown_RemoteRefused()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true);
        await rig.PressAsync(rig.ButtonPin(1), Tap);

        var remote = await rig.ExecuteAsync(1, SlotAction.On);

        Assert.False(remote.Ok);
        Assert.Equal(ErrorCodes.Locked, remote.ErrorCode);
        Assert.Equal(SlotPhase.ShuttingDown, rig.State(1).Phase);
    }

    [Fact]
    public async Task ShortPress_SlotTrippedByProtection_ProtectionWins()
    {
        await using var rig = await PanelRig.StartAsync(startPowered: true, protection: p => p.OvercurrentA = 0.1);
        await TripAllAsync(rig);

        await rig.PressAsync(rig.ButtonPin(1), Tap);

        Assert.Single(rig.EventsOf(EventTypes.ButtonPress));
        var rejected = Assert.Single(rig.EventsOf(EventTypes.CommandRejected));
        Assert.Equal("button", rejected.Source);
        Assert.Equal(ErrorCodes.FaultLatched, (string?)rejected.Detail!["code"]);
        Assert.Equal(SlotPhase.Fault, rig.State(1).Phase);
        Assert.False(rig.Physics.Slot(1).RelayInputClosed);
    }

    /// <summary>Two sweeps an overcurrent dwell apart: every powered slot trips (the limit is set below their draw).</summary>
    private static async Task TripAllAsync(PanelRig rig)
    {
        // The emulated INA219s need their first conversion before a sweep reads the bus.
        await rig.AdvanceAsync(TimeSpan.FromMilliseconds(10));
        await rig.SampleAsync();
        await rig.AdvanceAsync(TimeSpan.FromMilliseconds(150));
        await rig.SampleAsync();
        Assert.All(rig.Engine.States, s => Assert.Equal(FaultCodes.Overcurrent, s.Fault?.Code));
    }

    private static async Task BounceAsync(PanelRig rig, int pin, params PinValue[] levels)
    {
        foreach (var level in levels)
        {
            rig.Buses.GpioDriver.SetInputLevel(pin, level);
            rig.Time.Advance(TimeSpan.FromMilliseconds(3));
            await rig.SettleAsync();
        }
    }
}
