using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PiChassis.Controller.ChassisHardware;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Sampling;
using PiChassis.Hardware;
using PiChassis.Hardware.Buses;

namespace PiChassis.Tests.Controller.Sampling;

public class SamplerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<Mock<IPowerSensor>> _sensors = [];
    private readonly Mock<ITemperatureProbe> _probe = new();

    private Sampler Create(int slots)
    {
        var slotHardware = new List<SlotHardware>();
        for (var n = 1; n <= slots; n++)
        {
            var sensor = new Mock<IPowerSensor>();
            sensor.Setup(s => s.ReadCurrentA()).Returns(0.5);
            sensor.Setup(s => s.Read()).Returns(new PowerReading(5.0, 0.005, 0.5, 2.5, false, true));
            _sensors.Add(sensor);
            var relay = Mock.Of<IRelay>(r => r.IsClosed == true);
            slotHardware.Add(new SlotHardware(n, $"node{n:D2}", sensor.Object, null, relay, null, null));
        }

        _probe.Setup(p => p.ReadCelsius()).Returns(25.0);
        var devices = new ChassisDevices(Mock.Of<IDeviceBuses>(), slotHardware, [new ProbeHardware("inlet", _probe.Object, null)], null, null, []);
        var options = Options.Create(new SamplingOptions { Interval = TimeSpan.FromMilliseconds(100), ProbeInterval = TimeSpan.FromSeconds(1) });
        return new Sampler(devices, _time, options, NullLogger<Sampler>.Instance);
    }

    [Fact]
    public void Sweep_FourSlots_ReadsCurrentOfEveryOtherSlotAndOneFullReadInTurn()
    {
        var sampler = Create(4);

        for (var i = 0; i < 4; i++)
        {
            sampler.Sweep();
        }

        foreach (var sensor in _sensors)
        {
            sensor.Verify(s => s.Read(), Times.Once);
            sensor.Verify(s => s.ReadCurrentA(), Times.Exactly(3));
        }
    }

    [Fact]
    public void Sweep_AfterFullRead_PowerIsCurrentTimesLastBusVoltage()
    {
        var sampler = Create(2);
        sampler.Sweep();
        _sensors[0].Setup(s => s.ReadCurrentA()).Returns(1.0);

        var snapshot = sampler.Sweep();

        Assert.Equal(5.0, snapshot.Slot(1).PowerW, 6);
        Assert.Equal(2.5, snapshot.Slot(2).PowerW, 6);
        Assert.Equal(7.5, snapshot.TotalPowerW, 6);
        Assert.Equal(5.0, snapshot.BusVoltageV);
    }

    [Fact]
    public void Sweep_BeforeASlotsFirstFullRead_PowerUsesTheRailVoltageOfAnother()
    {
        // At start only slot 1 gets its full read in the first sweep; slots 2-4 are powered too.
        var sampler = Create(4);

        var snapshot = sampler.Sweep();

        Assert.All(snapshot.Slots, s => Assert.Equal(2.5, s.PowerW, 6));
        Assert.Equal(0, snapshot.Slot(2).BusVoltageV);
    }

    [Fact]
    public void Sweep_SensorFails_StaleWithLastValuesAndCountsMisses()
    {
        var sampler = Create(1);
        sampler.Sweep();
        _sensors[0].Setup(s => s.Read()).Throws(new HardwareException("NACK at 0x40"));

        sampler.Sweep();
        var snapshot = sampler.Sweep();

        var slot = snapshot.Slot(1);
        Assert.True(slot.Stale);
        Assert.Equal(2, slot.FailedReads);
        Assert.Equal(0.5, slot.CurrentA);
        Assert.Equal("NACK at 0x40", slot.Error);

        _sensors[0].Setup(s => s.Read()).Returns(new PowerReading(5.0, 0.005, 0.5, 2.5, false, true));
        Assert.False(sampler.Sweep().Slot(1).Stale);
    }

    [Fact]
    public void Sweep_ProbesReadAtTheirLongerInterval()
    {
        var sampler = Create(1);

        for (var i = 0; i < 10; i++)
        {
            sampler.Sweep();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var snapshot = sampler.Sweep();

        _probe.Verify(p => p.ReadCelsius(), Times.Exactly(2));
        Assert.Equal(25.0, snapshot.Probes[0].TemperatureC);
        Assert.Equal(11, snapshot.Sweep);
    }

    [Fact]
    public void Sweep_FirstReadBeforeConversion_LeavesBusVoltageUnknown()
    {
        var sampler = Create(1);
        _sensors[0].Setup(s => s.Read()).Returns(new PowerReading(0, 0, 0, 0, false, false));

        Assert.Null(sampler.Sweep().BusVoltageV);
    }
}
