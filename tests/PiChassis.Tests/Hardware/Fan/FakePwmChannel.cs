using System.Device.Pwm;

namespace PiChassis.Tests.Hardware.Fan;

/// <summary>A PWM channel that records what is written to it.</summary>
internal sealed class FakePwmChannel : PwmChannel
{
    private double _dutyCycle;

    public override int Frequency { get; set; } = 25_000;

    public override double DutyCycle
    {
        get => _dutyCycle;
        set
        {
            DutyWrites++;
            _dutyCycle = value;
        }
    }

    public int DutyWrites { get; private set; }

    public bool Running { get; private set; }

    public override void Start() => Running = true;

    public override void Stop() => Running = false;
}
