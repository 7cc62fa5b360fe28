using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Simulation;
using PiChassis.Hardware;
using PiChassis.Hardware.Simulation;
using PiChassis.Hardware.Simulation.Faults;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Hardware.Simulation.State;

namespace PiChassis.Tests.Hardware.Simulation;

/// <summary>The simulated chassis seen through the real drivers, as the controller sees it.</summary>
public sealed class SimulatedChassisBusesTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("pichassis-sim-").FullName;
    private readonly ChassisOptions _options = new() { SlotCount = 4 };

    public SimulatedChassisBusesTests() => DefaultWiring.ApplyTo(_options);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SimulatedChassisBuses Buses(bool startPowered, SimulatorStateFile? file = null) =>
        new(new SimulatedChassis(_time, new ChassisModelOptions { SlotCount = 4 }), SimulatedWiringMap.From(_options), _time, file, startPowered);

    [Fact]
    public void Relay_ClosedThroughDriver_PowersTheBoardTheSensorMeasures()
    {
        using var buses = Buses(startPowered: false);
        using var devices = ChassisDevicesFactory.Open(_options, buses, _time);

        devices.Slots[1].Relay.Set(true);
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.True(buses.Chassis.Slot(2).IsPowered);
        Assert.InRange(devices.Slots[1].Sensor!.ReadCurrentA(), 1.0, 1.3);
        Assert.Equal(0, devices.Slots[0].Sensor!.ReadCurrentA(), 3);
    }

    [Fact]
    public void InjectFault_Nack_SurfacesAsHardwareExceptionInTheDriver()
    {
        using var buses = Buses(startPowered: true);
        using var devices = ChassisDevicesFactory.Open(_options, buses, _time);
        _time.Advance(TimeSpan.FromMilliseconds(10));

        buses.InjectFault(0x42, I2cFaultPlan.Always(I2cFaultMode.Nack));

        Assert.Throws<HardwareException>(() => devices.Slots[2].Sensor!.ReadCurrentA());
        Assert.InRange(devices.Slots[1].Sensor!.ReadCurrentA(), 0.4, 0.7);
        buses.InjectFault(0x42, I2cFaultPlan.None);
        Assert.InRange(devices.Slots[2].Sensor!.ReadCurrentA(), 0.4, 0.7);
    }

    [Fact]
    public void InjectFault_StuckValue_DriverKeepsReadingTheOldCurrent()
    {
        using var buses = Buses(startPowered: true);
        using var devices = ChassisDevicesFactory.Open(_options, buses, _time);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        var before = devices.Slots[0].Sensor!.ReadCurrentA();
        Assert.InRange(before, 0.4, 0.7);

        buses.InjectFault(0x40, I2cFaultPlan.Always(I2cFaultMode.StuckValue));
        buses.Chassis.Slot(1).SetLoad(1.0);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(before, devices.Slots[0].Sensor!.ReadCurrentA());
        Assert.True(buses.Chassis.Slot(1).CurrentA > before + 0.3);
    }

    [Fact]
    public void WeldedRelay_CurrentFlowsWithTheRelayOpen()
    {
        using var buses = Buses(startPowered: true);
        using var devices = ChassisDevicesFactory.Open(_options, buses, _time);
        buses.Chassis.Slot(4).SetRelayFault(RelayFault.WeldedClosed);

        devices.Slots[3].Relay.Set(false);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(devices.Slots[3].Relay.IsClosed);
        Assert.True(devices.Slots[3].Sensor!.ReadCurrentA() > 0.3);
    }

    [Fact]
    public void Restart_OnSameStateFile_AdoptsRelaysWithoutWritingThem()
    {
        var file = new SimulatorStateFile(Path.Combine(_dir, "simulator.json"));
        using (var first = Buses(startPowered: false, file))
        using (var devices = ChassisDevicesFactory.Open(_options, first, _time))
        {
            devices.Slots[0].Relay.Set(true);
            devices.Slots[2].Relay.Set(true);
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        using var second = Buses(startPowered: false, file);
        using var reopened = ChassisDevicesFactory.Open(_options, second, _time);

        Assert.Equal([true, false, true, false], reopened.Slots.Select(s => s.Relay.IsClosed));
        Assert.Equal([true, false, true, false], second.Chassis.Slots.Select(s => s.IsPowered));
        Assert.Empty(second.Expanders[0x20].Journal);
        Assert.Equal(NodePhase.Running, second.Chassis.Slot(1).Phase);
    }
}
