using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Panel;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Tests.Hardware.Panel;

public sealed class GpioLedTests : IDisposable
{
    private readonly SimulatedGpioDriver _driver = new(new FakeTimeProvider());
    private readonly GpioController _controller;

    public GpioLedTests() => _controller = new GpioController(_driver);

    public void Dispose() => _controller.Dispose();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Constructor_OpensDark(bool activeLow, bool expectedHigh)
    {
        var led = new GpioLed(_controller, 13, activeLow);

        Assert.False(led.IsLit);
        Assert.Equal(expectedHigh, _driver.OutputLevel(13) == PinValue.High);
    }

    [Fact]
    public void Set_SameLevelRepeatedly_WritesOnlyOnChange()
    {
        var led = new GpioLed(_controller, 13);
        long writesAfterOpen = _driver.WriteCount(13);

        led.Set(true);
        led.Set(true);
        led.Set(true);
        led.Set(false);
        led.Set(false);

        Assert.Equal(writesAfterOpen + 2, _driver.WriteCount(13));
        Assert.False(led.IsLit);
    }

    [Fact]
    public void Set_LitActiveLow_DrivesLow()
    {
        var led = new GpioLed(_controller, 13, activeLow: true);

        led.Set(true);

        Assert.True(led.IsLit);
        Assert.Equal(PinValue.Low, _driver.OutputLevel(13));
    }
}
