using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Relays;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Tests.Hardware.Relays;

public class GpioRelayTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Constructor_PinKeptDrivingLow_AdoptsClosedWithoutChange()
    {
        // The controller restarts; the pin still drives the active-low relay closed.
        var driver = new SimulatedGpioDriver(_time);
        driver.ImportOutputs(new Dictionary<int, bool> { [17] = false });
        using var controller = new GpioController(driver);

        var relay = new GpioRelay(controller, 17, activeLow: true);

        Assert.True(relay.InitialClosed);
        Assert.True(relay.IsClosed);
        Assert.True(driver.IsOutput(17));
        Assert.Equal(PinValue.Low, driver.OutputLevel(17));
        Assert.Empty(driver.Journal);
    }

    [Fact]
    public void Constructor_FreshPinPulledUpByRelayBoard_DrivesThatLevelOpen()
    {
        var driver = new SimulatedGpioDriver(_time);
        driver.SetInputLevel(22, PinValue.High);
        using var controller = new GpioController(driver);

        var relay = new GpioRelay(controller, 22, activeLow: true);

        Assert.False(relay.InitialClosed);
        Assert.Equal([new PinLevelChange(_time.GetUtcNow(), 22, true)], driver.Journal);
    }

    [Fact]
    public void Set_ActiveLow_DrivesLowToCloseAndWritesOnlyOnChange()
    {
        var driver = new SimulatedGpioDriver(_time);
        driver.SetInputLevel(5, PinValue.High);
        using var controller = new GpioController(driver);
        var relay = new GpioRelay(controller, 5, activeLow: true);
        long writes = driver.WriteCount(5);

        relay.Set(true);
        relay.Set(true);
        bool closedAfterClose = relay.IsClosed;
        PinValue levelAfterClose = driver.OutputLevel(5);
        relay.Set(false);
        relay.Set(false);

        Assert.True(closedAfterClose);
        Assert.Equal(PinValue.Low, levelAfterClose);
        Assert.False(relay.IsClosed);
        Assert.Equal(PinValue.High, driver.OutputLevel(5));
        Assert.Equal(writes + 2, driver.WriteCount(5));
    }

    [Fact]
    public void Set_ActiveHigh_DrivesHighToClose()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);
        var relay = new GpioRelay(controller, 6, activeLow: false);

        relay.Set(true);

        Assert.Equal(PinValue.High, driver.OutputLevel(6));
        Assert.True(relay.IsClosed);
    }
}
