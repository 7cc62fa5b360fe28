using PiChassis.Hardware.Fan;

namespace PiChassis.Tests.Hardware.Fan;

public sealed class PwmFanTests : IDisposable
{
    private readonly FakePwmChannel _channel = new();

    public void Dispose() => _channel.Dispose();

    [Fact]
    public void Constructor_StartsTheChannelAtFullSpeed()
    {
        var fan = new PwmFan(_channel);

        Assert.True(_channel.Running);
        Assert.Equal(1, _channel.DutyCycle);
        Assert.Equal(100, fan.DutyPercent);
    }

    [Fact]
    public void SetDuty_RepeatedValues_WritesTheChannelOnlyOnChange()
    {
        var fan = new PwmFan(_channel);
        var writes = _channel.DutyWrites;

        fan.SetDuty(40);
        fan.SetDuty(40);
        fan.SetDuty(75);
        fan.SetDuty(100);

        Assert.Equal(writes + 3, _channel.DutyWrites);
        Assert.Equal(1, _channel.DutyCycle, 6);
        Assert.Equal(100, fan.DutyPercent);
    }

    [Fact]
    public void SetDuty_OutOfRange_Throws()
    {
        var fan = new PwmFan(_channel);

        Assert.Throws<ArgumentOutOfRangeException>(() => fan.SetDuty(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => fan.SetDuty(-1));
    }
}
