namespace PiChassis.Controller.Configuration;

/// <summary>
/// The default build of wiring.md: what a slot gets when the configuration does not say otherwise.
/// </summary>
public static class DefaultWiring
{
    public const int MaxSlots = 16;
    public const int FirstSensorAddress = 0x40;
    public const int RelayExpanderAddress = 0x20;
    public const int LedExpanderAddress = 0x21;
    public const int InletProbeAddress = 0x18;
    public const int ExhaustProbeAddress = 0x19;
    public const int MasterButtonPin = 17;
    public const int StatusLedPin = 4;

    /// <summary>BCM GPIO numbers of the slot buttons, slot 1 first.</summary>
    public static readonly IReadOnlyList<int> ButtonPins = [5, 6, 12, 13, 16, 19, 20, 21, 22, 23, 24, 25, 26, 27, 7, 8];

    /// <summary>Adds the slots the configuration does not list and fills every unset field.</summary>
    public static void ApplyTo(ChassisOptions chassis)
    {
        ArgumentNullException.ThrowIfNull(chassis);
        var listed = chassis.Slots.Select(s => s.Slot).ToHashSet();
        for (var n = 1; n <= Math.Min(chassis.SlotCount, MaxSlots); n++)
        {
            if (!listed.Contains(n))
            {
                chassis.Slots.Add(new SlotOptions { Slot = n });
            }
        }

        chassis.Slots.Sort((a, b) => a.Slot.CompareTo(b.Slot));
        foreach (var slot in chassis.Slots.Where(s => s.Slot is >= 1 and <= MaxSlots))
        {
            var index = slot.Slot - 1;
            if (slot.Node is null)
            {
                slot.UseDefaultNode($"node{slot.Slot:D2}");
            }

            slot.SensorAddress ??= new I2cAddress(FirstSensorAddress + index);
            FillExpanderOutput(slot.Relay, RelayExpanderAddress, index);
            FillExpanderOutput(slot.Led, LedExpanderAddress, index);
            slot.ButtonPin ??= ButtonPins[index];
        }

        if (chassis.Probes.Count == 0)
        {
            chassis.Probes.Add(new ProbeOptions { Name = "inlet", Driver = "mcp9808", Address = new I2cAddress(InletProbeAddress) });
            chassis.Probes.Add(new ProbeOptions { Name = "exhaust", Driver = "mcp9808", Address = new I2cAddress(ExhaustProbeAddress) });
        }
    }

    private static void FillExpanderOutput(OutputOptions output, int address, int pin)
    {
        if (!string.Equals(output.Driver, "mcp23017", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        output.Address ??= new I2cAddress(address);
        output.Pin ??= pin;
    }
}
