using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Tests.Hardware.Simulation;

public class SimulatedGpioDriverTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void OpenPin_OutputWithInitialValue_DrivesItAndJournalsOnce()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);

        controller.OpenPin(4, PinMode.Output, PinValue.High);

        Assert.Equal(PinValue.High, controller.Read(4));
        Assert.Equal(PinValue.High, driver.OutputLevel(4));
        Assert.Equal([new PinLevelChange(_time.GetUtcNow(), 4, true)], driver.Journal);
    }

    [Fact]
    public void OpenPin_AlreadyOutputAtSameLevel_IsNoLevelChange()
    {
        var driver = new SimulatedGpioDriver(_time);
        driver.ImportOutputs(new Dictionary<int, bool> { [4] = true });
        using var controller = new GpioController(driver);

        controller.OpenPin(4, PinMode.Output, PinValue.High);

        Assert.Empty(driver.Journal);
        Assert.Equal(1, driver.WriteCount(4));
    }

    [Fact]
    public void Write_ThroughController_CountsEveryWriteJournalsChanges()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);
        controller.OpenPin(4, PinMode.Output, PinValue.Low);

        controller.Write(4, PinValue.High);
        _time.Advance(TimeSpan.FromSeconds(1));
        controller.Write(4, PinValue.High);
        controller.Write(4, PinValue.Low);

        Assert.Equal(4, driver.WriteCount(4));
        Assert.Equal(
            [
                new PinLevelChange(_time.GetUtcNow().AddSeconds(-1), 4, false),
                new PinLevelChange(_time.GetUtcNow().AddSeconds(-1), 4, true),
                new PinLevelChange(_time.GetUtcNow(), 4, false),
            ],
            driver.Journal);
    }

    [Fact]
    public void Read_InputPullUpUndriven_ReadsHighUntilDriven()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);
        controller.OpenPin(26, PinMode.InputPullUp);

        PinValue idle = controller.Read(26);
        driver.SetInputLevel(26, PinValue.Low);
        PinValue pressed = controller.Read(26);
        driver.ReleaseInput(26);

        Assert.Equal(PinValue.High, idle);
        Assert.Equal(PinValue.Low, pressed);
        Assert.Equal(PinValue.High, controller.Read(26));
    }

    [Fact]
    public void SetInputLevel_RegisteredCallbacks_GetMatchingEdgesOnly()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);
        controller.OpenPin(26, PinMode.InputPullUp);
        var both = new List<PinEventTypes>();
        var falling = new List<PinEventTypes>();
        controller.RegisterCallbackForPinValueChangedEvent(26, PinEventTypes.Rising | PinEventTypes.Falling, (_, e) => both.Add(e.ChangeType));
        controller.RegisterCallbackForPinValueChangedEvent(26, PinEventTypes.Falling, (_, e) => falling.Add(e.ChangeType));

        driver.SetInputLevel(26, PinValue.Low);
        driver.SetInputLevel(26, PinValue.Low);
        driver.SetInputLevel(26, PinValue.High);

        Assert.Equal([PinEventTypes.Falling, PinEventTypes.Rising], both);
        Assert.Equal([PinEventTypes.Falling], falling);
    }

    [Fact]
    public void SetInputLevel_OutputPin_NoEdgeAndOutputWins()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);
        controller.OpenPin(3, PinMode.Output, PinValue.High);
        int edges = 0;
        controller.RegisterCallbackForPinValueChangedEvent(3, PinEventTypes.Falling, (_, _) => edges++);

        driver.SetInputLevel(3, PinValue.Low);

        Assert.Equal(0, edges);
        Assert.Equal(PinValue.High, controller.Read(3));
    }

    [Fact]
    public void UnregisterCallback_AfterwardsNoEdges()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);
        controller.OpenPin(26, PinMode.InputPullUp);
        int edges = 0;
        void OnEdge(object sender, PinValueChangedEventArgs e) => edges++;
        controller.RegisterCallbackForPinValueChangedEvent(26, PinEventTypes.Falling, OnEdge);

        controller.UnregisterCallbackForPinValueChangedEvent(26, OnEdge);
        driver.SetInputLevel(26, PinValue.Low);

        Assert.Equal(0, edges);
    }

    [Fact]
    public async Task WaitForEventAsync_EdgeArrives_ReportsIt()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);
        controller.OpenPin(26, PinMode.InputPullUp);

        ValueTask<WaitForEventResult> wait = controller.WaitForEventAsync(26, PinEventTypes.Falling, CancellationToken.None);
        driver.SetInputLevel(26, PinValue.Low);
        WaitForEventResult result = await wait;

        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Falling, result.EventTypes);
    }

    [Fact]
    public void WaitForEvent_Cancelled_ReportsTimeOut()
    {
        var driver = new SimulatedGpioDriver(_time);
        using var controller = new GpioController(driver);
        controller.OpenPin(26, PinMode.InputPullUp);

        WaitForEventResult result = controller.WaitForEvent(26, PinEventTypes.Falling, new CancellationToken(canceled: true));

        Assert.True(result.TimedOut);
    }

    [Fact]
    public void ExportOutputs_ImportIntoNewDriver_RestoresOutputsOnly()
    {
        var before = new SimulatedGpioDriver(_time);
        using (var controller = new GpioController(before))
        {
            controller.OpenPin(17, PinMode.Output, PinValue.High);
            controller.OpenPin(27, PinMode.Output, PinValue.Low);
            controller.OpenPin(26, PinMode.InputPullUp);
        }

        var after = new SimulatedGpioDriver(_time);
        after.ImportOutputs(before.ExportOutputs());

        Assert.Equal(new Dictionary<int, bool> { [17] = true, [27] = false }, after.ExportOutputs());
        Assert.Equal(PinValue.High, after.OutputLevel(17));
        Assert.False(after.IsOutput(26));
        Assert.Empty(after.Journal);
    }
}
