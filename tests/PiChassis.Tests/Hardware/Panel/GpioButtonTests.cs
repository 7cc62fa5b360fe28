using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Hardware;
using PiChassis.Hardware.Panel;
using PiChassis.Hardware.Simulation;

namespace PiChassis.Tests.Hardware.Panel;

public sealed class GpioButtonTests : IDisposable
{
    private const int Pin = 26;
    private readonly FakeTimeProvider _time = new();
    private readonly SimulatedGpioDriver _driver;
    private readonly GpioController _controller;
    private readonly List<ButtonEdge> _edges = [];

    public GpioButtonTests()
    {
        _driver = new SimulatedGpioDriver(_time);
        _controller = new GpioController(_driver);
    }

    public void Dispose() => _controller.Dispose();

    [Fact]
    public void Changed_BouncingPressAndRelease_OneEventEachAtSettleTime()
    {
        using GpioButton button = OpenButton();

        Bounce(PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(29));
        int edgesBeforeQuiet = _edges.Count;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        DateTimeOffset pressedAt = _time.GetUtcNow();
        bool pressedAfterPress = button.IsPressed;
        _time.Advance(TimeSpan.FromSeconds(2));
        Bounce(PinValue.High, PinValue.Low, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(30));

        Assert.Equal(0, edgesBeforeQuiet);
        Assert.True(pressedAfterPress);
        Assert.False(button.IsPressed);
        Assert.Equal([new ButtonEdge(true, pressedAt), new ButtonEdge(false, _time.GetUtcNow())], _edges);
    }

    [Fact]
    public void Changed_GlitchShorterThanDebounce_NoEvent()
    {
        using GpioButton button = OpenButton();

        Bounce(PinValue.Low, PinValue.High);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_edges);
        Assert.False(button.IsPressed);
    }

    [Fact]
    public void Constructor_ButtonHeldAtOpen_IsPressedWithoutEvent()
    {
        _driver.SetInputLevel(Pin, PinValue.Low);

        using GpioButton button = OpenButton();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(button.IsPressed);
        Assert.Empty(_edges);
    }

    [Fact]
    public void Changed_ActiveHighWithPullDown_PressIsHigh()
    {
        using var button = new GpioButton(_controller, Pin, _time, TimeSpan.FromMilliseconds(10), activeLow: false, PinMode.InputPullDown);
        button.Changed += (_, edge) => _edges.Add(edge);

        _driver.SetInputLevel(Pin, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal([new ButtonEdge(true, _time.GetUtcNow())], _edges);
    }

    [Fact]
    public void Dispose_PendingSettle_NoEventAndPinClosed()
    {
        GpioButton button = OpenButton();
        _driver.SetInputLevel(Pin, PinValue.Low);

        button.Dispose();
        _time.Advance(TimeSpan.FromSeconds(1));
        _driver.ReleaseInput(Pin);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(_edges);
        Assert.False(_controller.IsPinOpen(Pin));
    }

    private GpioButton OpenButton()
    {
        var button = new GpioButton(_controller, Pin, _time);
        button.Changed += (_, edge) => _edges.Add(edge);
        return button;
    }

    // Raw contact bounce: one level every 2 ms, the last one held.
    private void Bounce(params PinValue[] levels)
    {
        for (int i = 0; i < levels.Length; i++)
        {
            if (i > 0)
            {
                _time.Advance(TimeSpan.FromMilliseconds(2));
            }

            _driver.SetInputLevel(Pin, levels[i]);
        }
    }
}
