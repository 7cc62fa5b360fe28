using System.Device.Pwm;

namespace PiChassis.Hardware.Fan;

/// <summary>
/// A fan on a hardware PWM channel (the Pi's PWM0 on GPIO18 through the <c>pwm</c> overlay),
/// switched on the low side by a logic-level MOSFET. Starts the channel at full speed and writes
/// its duty only when it changes.
/// </summary>
/// <remarks>
/// The channel is never disposed: disposing a sysfs channel disables and unexports it, which would
/// stop the fan when the controller exits while the nodes keep running. The kernel keeps an
/// exported channel running at its last duty; the next start opens it again.
/// </remarks>
public sealed class PwmFan : IFan
{
    private readonly PwmChannel _channel;

    /// <param name="channel">The channel, at the fan's frequency; it is started here at 100 % duty.</param>
    /// <exception cref="HardwareException">The channel could not be started.</exception>
    public PwmFan(PwmChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        Guarded(() =>
        {
            channel.DutyCycle = 1;
            channel.Start();
        }, "start");
        DutyPercent = 100;
    }

    public double DutyPercent { get; private set; }

    /// <summary>Opens a sysfs PWM channel (<c>/sys/class/pwm/pwmchip{chip}/pwm{channel}</c>).</summary>
    /// <exception cref="HardwareException">The channel does not exist or cannot be opened.</exception>
    public static PwmFan Open(int chip, int channel, int frequencyHz)
    {
        try
        {
            return new PwmFan(PwmChannel.Create(chip, channel, frequencyHz, 1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            throw new HardwareException($"PWM chip {chip} channel {channel}: cannot open ({e.Message}). Is the pwm overlay in config.txt?", e);
        }
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
