using System.Device.Pwm;

namespace PiChassis.Hardware.Fan;

/// <summary>
/// A fan on a hardware PWM channel (the Pi's PWM0 on GPIO18 through the <c>pwm</c> overlay),
/// switched on the low side by a logic-level MOSFET. Opens stopped and writes the channel's duty
/// only when it changes.
/// </summary>
public sealed class PwmFan : IFan
{
    private readonly PwmChannel _channel;
    private readonly bool _ownsChannel;

    /// <param name="channel">The channel, at the fan's frequency; it is started here at 0 % duty.</param>
    /// <param name="ownsChannel">True to dispose the channel with the fan.</param>
    /// <exception cref="HardwareException">The channel could not be started.</exception>
    public PwmFan(PwmChannel channel, bool ownsChannel = true)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _ownsChannel = ownsChannel;
        Guarded(() =>
        {
            channel.DutyCycle = 0;
            channel.Start();
        }, "start");
    }

    public double DutyPercent { get; private set; }

    /// <summary>Opens a sysfs PWM channel (<c>/sys/class/pwm/pwmchip{chip}/pwm{channel}</c>).</summary>
    /// <exception cref="HardwareException">The channel does not exist or cannot be opened.</exception>
    public static PwmFan Open(int chip, int channel, int frequencyHz)
    {
        PwmChannel opened;
        try
        {
            opened = PwmChannel.Create(chip, channel, frequencyHz, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            throw new HardwareException($"PWM chip {chip} channel {channel}: cannot open ({e.Message}). Is the pwm overlay in config.txt?", e);
        }

        return new PwmFan(opened);
    }

    public void SetDuty(double dutyPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dutyPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dutyPercent, 100);
        if (dutyPercent == DutyPercent)
        {
            return;
        }

        Guarded(() => _channel.DutyCycle = dutyPercent / 100, "write");
        DutyPercent = dutyPercent;
    }

    public void Dispose()
    {
        if (_ownsChannel)
        {
            _channel.Dispose();
        }
    }

    private static void Guarded(Action write, string operation)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HardwareException($"PWM fan: could not {operation} the channel.", e);
        }
    }
}
