using PiChassis.Hardware;

namespace PiChassis.Tests.Controller.Panel;

/// <summary>An LED that records each level written, and can be made to fail.</summary>
internal sealed class CountingLed : ILed
{
    public bool IsLit { get; private set; }

    public int Writes { get; private set; }

    public bool Failing { get; set; }

    public void Set(bool lit)
    {
        if (Failing)
        {
            throw new HardwareException("LED output does not answer");
        }

        Writes++;
        IsLit = lit;
    }
}
