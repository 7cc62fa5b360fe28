using Microsoft.Extensions.Options;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Controller.Configuration;

/// <summary>Checks the chassis as configured and reports every error at once.</summary>
public sealed class ChassisOptionsValidator : IValidateOptions<ChassisOptions>
{
    private const int MaxGpio = 27;
    private const int ExpanderPins = 16;
    private const double MaxShuntVoltageV = 0.32;
    private const double MinShuntOhms = 0.001;
    private const double MaxShuntOhms = 1;

    // A 5 V slot at 10 A is 50 W, beyond any board a slot powers.
    private const double MaxSlotA = 10;
    private const int MaxI2cBus = 255;
    private const int MaxPriority = 100;
    private const int MaxProbeName = 32;

    public ValidateOptionsResult Validate(string? name, ChassisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Topics.IsValidChassisId(options.Id))
        {
            errors.Add($"Chassis:Id '{options.Id}' must match [a-z0-9-]{{1,32}} and not be '{Topics.NodesLevel}', '{Topics.ClientsLevel}' or '{Topics.RequestsLevel}'.");
        }

        if (options.I2cBus is < 0 or > MaxI2cBus)
        {
            errors.Add($"Chassis:I2cBus {options.I2cBus} must be 0 to {MaxI2cBus} (/dev/i2c-N).");
        }

        if (options.SlotCount is < 1 or > DefaultWiring.MaxSlots)
        {
            errors.Add($"Chassis:SlotCount {options.SlotCount} must be 1 to {DefaultWiring.MaxSlots} (16 INA219 addresses on one bus).");
        }

        var i2c = new I2cAddressBook(errors);
        var gpio = new Dictionary<int, string>();
        var expanderPins = new Dictionary<(int Address, int Pin), string>();
        CheckGpio(options.MasterButtonPin, "Chassis:MasterButtonPin", errors);
        CheckGpio(options.StatusLedPin, "Chassis:StatusLedPin", errors);
        ClaimGpio(gpio, options.MasterButtonPin, "master button", errors);
        ClaimGpio(gpio, options.StatusLedPin, "status LED", errors);

        foreach (var duplicate in options.Slots.GroupBy(s => s.Slot).Where(g => g.Count() > 1))
        {
            errors.Add($"Slot {duplicate.Key} is configured {duplicate.Count()} times.");
        }

        foreach (var duplicate in options.Slots.Where(s => s.Node is not null).GroupBy(s => s.Node).Where(g => g.Count() > 1))
        {
            errors.Add($"Node name '{duplicate.Key}' is used by slots {string.Join(", ", duplicate.Select(s => s.Slot))}.");
        }

        foreach (var slot in options.Slots)
        {
            var where = $"Slot {slot.Slot}";
            if (slot.Slot < 1 || slot.Slot > options.SlotCount)
            {
                errors.Add($"{where}: slot number must be 1 to Chassis:SlotCount ({options.SlotCount}).");
            }

            if (string.IsNullOrWhiteSpace(slot.Node))
            {
                errors.Add($"{where}: node name is empty.");
            }
            else if (!NodeNames.IsValid(slot.Node))
            {
                errors.Add($"{where}: node name '{slot.Node}' must be {NodeNames.Rule} (it is an MQTT topic level and goes into halt commands).");
            }

            if (slot.Priority is < -MaxPriority or > MaxPriority)
            {
                errors.Add($"{where}: Priority {slot.Priority} must be -{MaxPriority} to {MaxPriority}.");
            }

            if (!Enum.IsDefined(slot.RestorePolicy))
            {
                errors.Add($"{where}: RestorePolicy must be last, on or off.");
            }

            if (CheckAddress(slot.SensorAddress, $"{where}: SensorAddress", errors))
            {
                i2c.Claim(slot.SensorAddress, $"{where} INA219", exclusive: true);
            }

            if (slot.ShuntOhms is not (>= MinShuntOhms and <= MaxShuntOhms))
            {
                errors.Add($"{where}: ShuntOhms {slot.ShuntOhms} must be a resistance of {MinShuntOhms} to {MaxShuntOhms} Ω (0.01 to 0.02 Ω suits a Pi).");
            }

            if (slot.MaxCurrentA is not (> 0 and <= MaxSlotA))
            {
                errors.Add($"{where}: MaxCurrentA {slot.MaxCurrentA} must be positive and at most {MaxSlotA} A.");
            }
            else if (slot.ShuntOhms > 0 && slot.MaxCurrentA * slot.ShuntOhms > MaxShuntVoltageV)
            {
                errors.Add($"{where}: {slot.MaxCurrentA} A through {slot.ShuntOhms} Ω exceeds the INA219's 320 mV shunt range.");
            }

            CheckOutput(slot.Relay, $"{where} relay", i2c, gpio, expanderPins, errors);
            CheckOutput(slot.Led, $"{where} LED", i2c, gpio, expanderPins, errors);
            CheckGpio(slot.ButtonPin, $"{where}: ButtonPin", errors);
            ClaimGpio(gpio, slot.ButtonPin, $"{where} button", errors);
        }

        foreach (var duplicate in options.Probes.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            errors.Add($"Probe name '{duplicate.Key}' is used {duplicate.Count()} times.");
        }

        foreach (var probe in options.Probes)
        {
            var where = $"Probe '{probe.Name}'";
            if (string.IsNullOrWhiteSpace(probe.Name))
            {
                errors.Add($"{where}: Name is empty.");
            }
            else if (probe.Name.Length > MaxProbeName)
            {
                errors.Add($"{where}: Name must be at most {MaxProbeName} characters.");
            }

            switch (probe.Driver.ToLowerInvariant())
            {
                case "mcp9808" or "lm75":
                    if (probe.Address is null)
                    {
                        errors.Add($"{where}: {probe.Driver} needs an Address.");
                    }

                    if (CheckAddress(probe.Address, $"{where}: Address", errors))
                    {
                        i2c.Claim(probe.Address, $"{where} {probe.Driver}", exclusive: true);
                    }

                    break;
                case "soc":
                    CheckAddress(probe.Address, $"{where}: Address", errors);
                    break;
                default:
                    errors.Add($"{where}: unknown driver '{probe.Driver}' (mcp9808, lm75 or soc).");
                    break;
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckOutput(
        OutputOptions output,
        string what,
        I2cAddressBook i2c,
        Dictionary<int, string> gpio,
        Dictionary<(int, int), string> expanderPins,
        List<string> errors)
    {
        switch (output.Driver.ToLowerInvariant())
        {
            case "gpio":
                CheckAddress(output.Address, $"{what}: Address", errors);
                if (output.Pin is null or < 0 or > MaxGpio)
                {
                    errors.Add($"{what}: GPIO pin {output.Pin?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} must be 0 to {MaxGpio}.");
                }

                ClaimGpio(gpio, output.Pin, what, errors);
                break;
            case "mcp23017":
                if (output.Address is not { } address)
                {
                    errors.Add($"{what}: mcp23017 needs an Address.");
                    break;
                }

                var addressValid = CheckAddress(address, $"{what}: Address", errors);
                if (addressValid)
                {
                    i2c.Claim(address, $"MCP23017 {address}", exclusive: false);
                }

                if (output.Pin is null or < 0 or >= ExpanderPins)
                {
                    errors.Add($"{what}: expander pin {output.Pin?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} must be 0 to 15.");
                }
                else if (addressValid && !expanderPins.TryAdd((address.Value, output.Pin.Value), what))
                {
                    errors.Add($"{what}: MCP23017 {address} pin {output.Pin} is already used by {expanderPins[(address.Value, output.Pin.Value)]}.");
                }

                break;
            default:
                errors.Add($"{what}: unknown driver '{output.Driver}' (gpio or mcp23017).");
                break;
        }
    }

    /// <summary>False, with the error, for an address outside the 7-bit range; an unset one is for the caller to judge.</summary>
    private static bool CheckAddress(I2cAddress? address, string what, List<string> errors)
    {
        if (address is { IsValid: false } a)
        {
            errors.Add($"{what} {a} is outside 0x03-0x77.");
            return false;
        }

        return true;
    }

    private static void CheckGpio(int? pin, string what, List<string> errors)
    {
        if (pin is < 0 or > MaxGpio)
        {
            errors.Add($"{what} {pin} must be a BCM GPIO number 0 to {MaxGpio}.");
        }
    }

    private static void ClaimGpio(Dictionary<int, string> gpio, int? pin, string what, List<string> errors)
    {
        if (pin is not { } p)
        {
            return;
        }

        if (!gpio.TryAdd(p, what))
        {
            errors.Add($"{what}: GPIO {p} is already used by {gpio[p]}.");
        }
    }
}
