using PiChassis.Controller.Engine;
using PiChassis.Controller.Panel;

namespace PiChassis.Tests.Controller.Panel;

public class LedPatternsTests
{
    public static TheoryData<SlotPhase, bool, bool, string> States => new()
    {
        { SlotPhase.Off, false, false, "off" },
        { SlotPhase.Queued, false, false, "slow blink" },
        { SlotPhase.Booting, false, false, "fast blink" },
        { SlotPhase.On, false, false, "on" },
        { SlotPhase.ShuttingDown, false, false, "double blink" },
        { SlotPhase.On, true, false, "strobe" },
        { SlotPhase.Fault, false, true, "triple flash" },
        { SlotPhase.Fault, true, true, "triple flash" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void For_SlotState_ThePatternOfWiringMd(SlotPhase phase, bool identifying, bool fault, string expected)
    {
        var state = new SlotState(1, "node01", false, phase, SlotPolicy.Manual, false,
            fault ? new SlotFault(FaultCodes.Overcurrent, "trip", DateTimeOffset.UnixEpoch) : null, DateTimeOffset.UnixEpoch, 0, identifying);

        Assert.Equal(expected, LedPatterns.For(state).Name);
    }

    [Theory]
    [InlineData(true, BrokerConnection.Connected, "fast blink")]
    [InlineData(true, BrokerConnection.Lost, "fast blink")]
    [InlineData(false, BrokerConnection.Lost, "slow blink")]
    [InlineData(false, BrokerConnection.Connected, "on")]
    [InlineData(false, BrokerConnection.NotConfigured, "on")]
    public void ForStatus_FaultThenBrokerThenRunning(bool anyFault, BrokerConnection broker, string expected) =>
        Assert.Equal(expected, LedPatterns.ForStatus(anyFault, broker).Name);

    [Fact]
    public void Patterns_EveryRhythmDiffers()
    {
        LedPattern[] all = [LedPatterns.SlowBlink, LedPatterns.FastBlink, LedPatterns.DoubleBlink, LedPatterns.Strobe, LedPatterns.TripleFlash, LedPatterns.Refusal];

        Assert.Equal(all.Length, all.Select(p => string.Join(",", p.Segments.Select(s => s.TotalMilliseconds))).Distinct().Count());
    }

    [Theory]
    [InlineData(0, true, 150)]
    [InlineData(160, false, 140)]
    [InlineData(700, true, 50)]
    [InlineData(1000, false, 800)]
    [InlineData(1850, true, 100)]
    public void LevelAt_TripleFlash_LevelAndTimeToNextEdge(int elapsedMs, bool lit, int holdsMs) =>
        Assert.Equal((lit, TimeSpan.FromMilliseconds(holdsMs)), LedPatterns.TripleFlash.LevelAt(TimeSpan.FromMilliseconds(elapsedMs)));

    [Fact]
    public void LevelAt_OneShotPlayedOut_DarkForEver()
    {
        Assert.True(LedPatterns.Refusal.HasEnded(TimeSpan.FromMilliseconds(500)));
        Assert.Equal((false, (TimeSpan?)null), LedPatterns.Refusal.LevelAt(TimeSpan.FromSeconds(1)));
    }
}
