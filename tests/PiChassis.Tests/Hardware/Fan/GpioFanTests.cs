using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Fan;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Tests.Hardware.Fan;

public sealed class GpioFanTests : IDisposable
{
    private const int Pin = 18;
    private readonly SimulatedGpioDriver _driver = new(new FakeTimeProvider());
    private readonly GpioController _controller;

    public GpioFanTests() => _controller = new GpioController(_driver);

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void SetDuty_StopThenAnyDutyAboveZero_FullOnWithOneWriteEach()
    {
        var fan = new GpioFan(_controller, Pin);
        var openedLevel = _driver.OutputLevel(Pin);
        var writes = _driver.WriteCount(Pin);

        fan.SetDuty(0);
        fan.SetDuty(30);
        fan.SetDuty(80);

        Assert.Equal(PinValue.High, openedLevel);
        Assert.Equal(PinValue.High, _driver.OutputLevel(Pin));
        Assert.Equal(100, fan.DutyPercent);
        Assert.Equal(writes + 2, _driver.WriteCount(Pin));
    }

    [Fact]
    public void SetDuty_ActiveLow_RunsLowStopsHigh()
    {
        var fan = new GpioFan(_controller, Pin, activeLow: true);
        var openedLevel = _driver.OutputLevel(Pin);

        fan.SetDuty(0);

        Assert.Equal(PinValue.Low, openedLevel);
        Assert.Equal(PinValue.High, _driver.OutputLevel(Pin));
        Assert.Equal(0, fan.DutyPercent);
    }
}
