using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Tests.Hardware.Simulation.Physics;

public class SimulatedSlotTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IsUp_DuringBoot_FalseUntilBooted()
    {
        var slot = Chassis().Slot(2);
        slot.SetRelay(true);

        Advance(24);
        Assert.False(slot.IsUp);
        Assert.Equal(NodePhase.Booting, slot.Phase);

        Advance(1);
        Assert.True(slot.IsUp);
    }

    [Fact]
    public void PowerW_Halted_PlateauUntilTheRelayOpens()
    {
        var slot = Chassis().Slot(1);
        slot.SetRelay(true);
        Advance(30);

        Assert.True(slot.Halt());
        Advance(5);
        var plateau = Enumerable.Range(0, 12).Select(_ =>
        {
            Advance(5);
            return slot.PowerW;
        }).ToList();

        Assert.All(plateau, p => Assert.Equal(0.6, p, 9));
        Assert.Equal(NodePhase.Halted, slot.Phase);

        slot.SetRelay(false);
        Assert.Equal(0, slot.CurrentA);
        Assert.Equal(NodePhase.Unpowered, slot.Phase);
    }

    [Fact]
    public void CurrentA_EmptySlot_ZeroWithRelayClosed()
    {
        var options = new ChassisModelOptions();
        options.Boards[3] = null;
        var slot = Chassis(options).Slot(3);

        slot.SetRelay(true);
        Advance(30);

        Assert.Null(slot.Board);
        Assert.True(slot.IsPowered);
        Assert.Equal(0, slot.CurrentA);
        Assert.False(slot.IsUp);
    }

    [Fact]
    public void CurrentA_InjectedShort_DrawsTheShortAndSagsTheBus()
    {
        var chassis = Chassis();
        var slot = chassis.Slot(4);
        slot.SetRelay(true);
        Advance(30);
        var before = chassis.BusVoltageV;

        slot.InjectShort(5);

        Assert.Equal(5, slot.CurrentA);
        Assert.Equal(5.1 - (5 * 0.015), chassis.BusVoltageV, 9);
        Assert.True(chassis.BusVoltageV < before);
        Assert.Equal(NodePhase.Unpowered, slot.Phase);

        slot.ClearShort();
        Assert.Equal(NodePhase.Booting, slot.Phase);
    }

    [Fact]
    public void CurrentA_ShortBehindAnOpenRelay_Zero()
    {
        var slot = Chassis().Slot(1);

        slot.InjectShort(6);

        Assert.Equal(0, slot.CurrentA);
    }

    [Fact]
    public void SetRelay_WeldedClosed_SlotStaysPowered()
    {
        var slot = Chassis().Slot(1);
        slot.SetRelay(true);
        Advance(30);
        slot.SetRelayFault(RelayFault.WeldedClosed);

        slot.SetRelay(false);
        Advance(10);

        Assert.False(slot.RelayInputClosed);
        Assert.True(slot.IsPowered);
        Assert.True(slot.IsUp);
        Assert.True(slot.CurrentA > 0.5);
    }

    [Fact]
    public void SetRelay_StuckOpen_SlotNeverPowers()
    {
        var slot = Chassis().Slot(1);
        slot.SetRelayFault(RelayFault.StuckOpen);

        slot.SetRelay(true);
        Advance(30);

        Assert.True(slot.RelayInputClosed);
        Assert.False(slot.IsPowered);
        Assert.Equal(0, slot.CurrentA);
        Assert.Equal(NodePhase.Unpowered, slot.Phase);
    }

    [Fact]
    public void InsertBoard_IntoPoweredEmptySlot_StartsBooting()
    {
        var slot = Chassis().Slot(1);
        slot.SetRelay(true);
        slot.RemoveBoard();
        Advance(5);
        Assert.Equal(0, slot.CurrentA);

        slot.InsertBoard(PiProfile.Pi5);
        Advance(2);

        Assert.Equal(NodePhase.Booting, slot.Phase);
        Assert.Equal(2, slot.UptimeS, 9);
    }

    [Fact]
    public void SetLoad_EmptySlot_Throws()
    {
        var slot = Chassis().Slot(1);
        slot.RemoveBoard();

        Assert.Throws<InvalidOperationException>(() => slot.SetLoad(0.5));
        Assert.False(slot.Halt());
    }

    private SimulatedChassis Chassis(ChassisModelOptions? options = null) => new(_time, options ?? new ChassisModelOptions());

    private void Advance(double seconds) => _time.Advance(TimeSpan.FromSeconds(seconds));
}
