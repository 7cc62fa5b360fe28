using Microsoft.Extensions.Configuration;

namespace PiChassis.Controller.Configuration;

/// <summary>
/// Reads the I2C addresses of the <c>Chassis</c> section, written "0x40" (as on the datasheet) or 64.
/// The source-generated binder (used so that trimmed and Native AOT builds bind without reflection)
/// ignores type converters and leaves a plain-value address unset, so the addresses are read here,
/// after it, walking the list items the way it does.
/// </summary>
public static class ChassisAddressBinder
{
    /// <exception cref="InvalidOperationException">An address is not a number; the message names its key.</exception>
    public static void Apply(IConfiguration chassisSection, ChassisOptions options)
    {
        ArgumentNullException.ThrowIfNull(chassisSection);
        ArgumentNullException.ThrowIfNull(options);
        var slots = Items(chassisSection.GetSection(nameof(ChassisOptions.Slots)));
        for (var i = 0; i < slots.Count && i < options.Slots.Count; i++)
        {
            var slot = options.Slots[i];
            slot.SensorAddress = Read(slots[i], nameof(SlotOptions.SensorAddress)) ?? slot.SensorAddress;
            slot.Relay.Address = Read(slots[i].GetSection(nameof(SlotOptions.Relay)), nameof(OutputOptions.Address)) ?? slot.Relay.Address;
            slot.Led.Address = Read(slots[i].GetSection(nameof(SlotOptions.Led)), nameof(OutputOptions.Address)) ?? slot.Led.Address;
        }

        var probes = Items(chassisSection.GetSection(nameof(ChassisOptions.Probes)));
        for (var i = 0; i < probes.Count && i < options.Probes.Count; i++)
        {
            options.Probes[i].Address = Read(probes[i], nameof(ProbeOptions.Address)) ?? options.Probes[i].Address;
        }
    }

    // The binder skips list entries that are a plain value; skipping them too keeps the indexes aligned.
    private static List<IConfigurationSection> Items(IConfigurationSection list) =>
        [.. list.GetChildren().Where(c => string.IsNullOrEmpty(c.Value) || c.GetChildren().Any())];

    private static I2cAddress? Read(IConfiguration parent, string key)
    {
        var section = parent.GetSection(key);
        if (string.IsNullOrEmpty(section.Value))
        {
            return null;
        }

        try
        {
            return I2cAddress.Parse(section.Value);
        }
        catch (FormatException e)
        {
            // Worded as the binder's own conversion errors, which ReadableSettings reads.
            throw new InvalidOperationException($"Failed to convert configuration value '{section.Value}' at '{section.Path}' to type '{typeof(I2cAddress)}'.", e);
        }
    }
}
