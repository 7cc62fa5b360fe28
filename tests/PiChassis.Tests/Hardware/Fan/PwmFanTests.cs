using PiChassis.Hardware.Fan;

namespace PiChassis.Tests.Hardware.Fan;

public class PwmFanTests
{
    [Fact]
    public void Constructor_StartsTheChannelStopped()
    {
        using var channel = new FakePwmChannel();

        using var fan = new PwmFan(channel, ownsChannel: false);

        Assert.True(channel.Running);
        Assert.Equal(0, channel.DutyCycle);
        Assert.Equal(0, fan.DutyPercent);
    }

    [Fact]
    public void SetDuty_RepeatedValues_WritesTheChannelOnlyOnChange()
    {
        using var channel = new FakePwmChannel();
        using var fan = new PwmFan(channel, ownsChannel: false);
        var writes = channel.DutyWrites;

        fan.SetDuty(40);
        fan.SetDuty(40);
        fan.SetDuty(75);

        Assert.Equal(writes + 2, channel.DutyWrites);
        Assert.Equal(0.75, channel.DutyCycle, 6);
        Assert.Equal(75, fan.DutyPercent);
    }

    [Fact]
    public void SetDuty_OutOfRange_Throws()
    {
        using var channel = new FakePwmChannel();
        using var fan = new PwmFan(channel, ownsChannel: false);

        Assert.Throws<ArgumentOutOfRangeException>(() => fan.SetDuty(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => fan.SetDuty(-1));
    }

    [Fact]
    public void Dispose_OwnsChannel_DisposesIt()
    {
        var channel = new FakePwmChannel();

        new PwmFan(channel).Dispose();

        Assert.True(channel.Disposed);
    }
}
