using PiChassis.Hardware;

namespace PiChassis.Tests.Controller.Cooling;

/// <summary>A fan that counts the duties written to it.</summary>
internal sealed class CountingFan : IFan
{
    public double DutyPercent { get; private set; }

    public int Writes { get; private set; }

    public void SetDuty(double dutyPercent)
    {
        Writes++;
        DutyPercent = dutyPercent;
    }
}
