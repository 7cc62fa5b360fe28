using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Hardware.Simulation.State;

namespace PiChassis.Tests.Hardware.Simulation.Physics;

public partial class SimulatedChassisTests
{
    [Fact]
    public void RestoreState_SlotPoweredSecondsAgo_ContinuesOnItsBootCurve()
    {
        var before = Chassis();
        before.Slot(1).SetRelay(true);
        Advance(10);
        var saved = before.ExportState();

        var after = Restarted(saved, TimeSpan.FromSeconds(5));

        Assert.Equal(NodePhase.Booting, after.Slot(1).Phase);
        Assert.Equal(15, after.Slot(1).UptimeS, 6);
        Assert.Equal(PiProfile.Pi4B.BootPowerW(15), after.Slot(1).PowerW, 6);
        Assert.True(after.Slot(1).RelayInputClosed);
        Assert.False(after.Slot(2).IsPowered);
    }

    [Fact]
    public void RestoreState_AfterALongGap_RunningWithTheGapsEnergyCounted()
    {
        var options = new ChassisModelOptions { DefaultBoard = Flat3W };
        var before = Chassis(options);
        before.Slot(3).SetRelay(true);
        Advance(60);
        var saved = before.ExportState();

        var after = Restarted(saved, TimeSpan.FromHours(1), options);

        Assert.True(after.Slot(3).IsUp);
        Assert.Equal(3600 + 60, after.Slot(3).UptimeS, 6);
        Assert.Equal(saved.Slots[2].EnergyWh + 3, after.Slot(3).EnergyWh, 9);
    }

    [Fact]
    public void RestoreState_HaltedSlot_StaysOnTheHaltedPlateau()
    {
        var before = Chassis();
        before.Slot(2).SetRelay(true);
        Advance(30);
        before.Slot(2).SetLoad(0.5);
        before.Slot(2).Halt();
        Advance(2);
        var saved = before.ExportState();

        var after = Restarted(saved, TimeSpan.FromSeconds(30));

        Assert.Equal(NodePhase.Halted, after.Slot(2).Phase);
        Assert.Equal(0.6, after.Slot(2).PowerW, 9);
    }

    [Fact]
    public void RestoreState_FaultsAndThermal_ComeBack()
    {
        var before = Chassis();
        PowerOn(before, 1, 2, 3, 4, 5, 6, 7, 8);
        before.Slot(5).SetRelayFault(RelayFault.WeldedClosed);
        before.Slot(6).InjectShort(4);
        before.FanDutyPercent = 60;
        before.AmbientC = 30;
        Advance(300);
        var saved = before.ExportState();

        var after = Restarted(saved, TimeSpan.Zero);

        Assert.Equal(RelayFault.WeldedClosed, after.Slot(5).RelayFault);
        Assert.Equal(4, after.Slot(6).CurrentA);
        Assert.Equal(60, after.FanDutyPercent);
        Assert.Equal(30, after.Inlet.TemperatureC);
        Assert.Equal(before.Exhaust.TemperatureC, after.Exhaust.TemperatureC, 9);
        Assert.Equal(before.BusVoltageV, after.BusVoltageV, 9);
        Assert.Equal(before.EnergyWh, after.EnergyWh, 9);
    }

    [Fact]
    public void RestoreState_ThroughTheStateFile_RoundTrips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pichassis-chassis-{Guid.NewGuid():N}.json");
        try
        {
            var before = Chassis();
            PowerOn(before, 1, 4);
            Advance(40);
            before.Slot(4).SetLoad(0.8);
            var file = new SimulatorStateFile(path);
            file.Save(new SimulatorState(before.ExportState(), new Dictionary<string, byte[]>()));

            var after = Restarted(file.Load()!.Chassis, TimeSpan.Zero);

            Assert.Equal(before.Slot(4).PowerW, after.Slot(4).PowerW, 9);
            Assert.Equal(0.8, after.Slot(4).LoadFraction);
            Assert.Equal(before.Slot(1).UptimeS, after.Slot(1).UptimeS, 6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A new chassis on a new clock, <paramref name="downtime"/> after the state was saved, restored from it.</summary>
    private static SimulatedChassis Restarted(ChassisState saved, TimeSpan downtime, ChassisModelOptions? options = null)
    {
        var chassis = new SimulatedChassis(new FakeTimeProvider(saved.At + downtime), options ?? new ChassisModelOptions());
        chassis.RestoreState(saved);
        return chassis;
    }
}
