using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PiChassis.Controller.Panel;

namespace PiChassis.Tests.Controller.Panel;

public sealed class PanelLedTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly CountingLed _led = new();
    private readonly PanelLed _panelLed;

    public PanelLedTests() => _panelLed = new PanelLed(_led, "slot 1", _time, NullLogger.Instance);

    public void Dispose() => _panelLed.Dispose();

    [Fact]
    public void Show_SteadyOn_OneWriteThenNoneWhileTimePasses()
    {
        _panelLed.Show(LedPatterns.On);
        Advance(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(10));

        Assert.True(_led.IsLit);
        Assert.Equal(1, _led.Writes);
    }

    [Fact]
    public void Show_FastBlinkForOneSecond_OneWritePerToggle()
    {
        _panelLed.Show(LedPatterns.FastBlink);
        Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

        // Lit at 0, then toggles at 125, 250, ..., 875 ms.
        Assert.Equal(8, _led.Writes);
    }

    [Fact]
    public void Show_SamePatternAgain_KeepsItsRhythm()
    {
        _panelLed.Show(LedPatterns.SlowBlink);
        _time.Advance(TimeSpan.FromMilliseconds(400));

        _panelLed.Show(LedPatterns.SlowBlink);
        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.False(_led.IsLit);
    }

    [Fact]
    public void Play_RefusalOverSteadyOn_FlickersThenResumesOn()
    {
        _panelLed.Show(LedPatterns.On);

        _panelLed.Play(LedPatterns.Refusal);
        var showing = _panelLed.Showing;
        _time.Advance(TimeSpan.FromMilliseconds(50));
        var darkDuringFlicker = !_led.IsLit;
        Advance(TimeSpan.FromMilliseconds(450), TimeSpan.FromMilliseconds(50));

        Assert.Equal(LedPatterns.Refusal, showing);
        Assert.True(darkDuringFlicker);
        Assert.True(_led.IsLit);
        Assert.Equal(LedPatterns.On, _panelLed.Showing);
    }

    [Fact]
    public void Play_RefusalOverFault_Ignored()
    {
        _panelLed.Show(LedPatterns.TripleFlash);

        _panelLed.Play(LedPatterns.Refusal);

        Assert.Equal(LedPatterns.TripleFlash, _panelLed.Showing);
    }

    [Fact]
    public void Show_FaultDuringRefusal_FaultTakesOverAtOnce()
    {
        _panelLed.Show(LedPatterns.Off);
        _panelLed.Play(LedPatterns.Refusal);

        _panelLed.Show(LedPatterns.TripleFlash);

        Assert.Equal(LedPatterns.TripleFlash, _panelLed.Showing);
    }

    [Fact]
    public void Play_LampTest_WinsOverFaultThenFaultShows()
    {
        _panelLed.Show(LedPatterns.TripleFlash);
        _panelLed.Play(LedPatterns.LampTest(TimeSpan.FromSeconds(1)));
        Advance(TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(10));
        var litThroughout = _led.IsLit && _led.Writes == 1;

        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.True(litThroughout);
        Assert.Equal(LedPatterns.TripleFlash, _panelLed.Showing);
    }

    [Fact]
    public void Show_LedFails_KeepsTryingAndRecovers()
    {
        _led.Failing = true;
        _panelLed.Show(LedPatterns.FastBlink);
        _time.Advance(TimeSpan.FromMilliseconds(125));

        _led.Failing = false;
        _time.Advance(TimeSpan.FromMilliseconds(125));

        Assert.True(_led.IsLit);
    }

    [Fact]
    public void Dispose_Blinking_LeavesItDarkAndStops()
    {
        _panelLed.Show(LedPatterns.FastBlink);

        _panelLed.Dispose();
        var writes = _led.Writes;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(_led.IsLit);
        Assert.Equal(writes, _led.Writes);
    }

    private void Advance(TimeSpan duration, TimeSpan step)
    {
        for (var t = TimeSpan.Zero; t < duration; t += step)
        {
            _time.Advance(step);
        }
    }
}
