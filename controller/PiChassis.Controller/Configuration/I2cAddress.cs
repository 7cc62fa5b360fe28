using System.Globalization;

namespace PiChassis.Controller.Configuration;

/// <summary>A 7-bit I2C address. Configuration may write it as "0x40" (as on the datasheet) or 64.</summary>
public readonly record struct I2cAddress(int Value)
{
    /// <summary>How an address is written in the configuration, for error messages.</summary>
    public const string HowToWrite = "write 0x40 or 64";

    public bool IsValid => Value is >= 0x03 and <= 0x77;

    public override string ToString() => $"0x{Value:X2}";

    public static I2cAddress Parse(string text)
    {
        var t = text.Trim();
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(t.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            : int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        return ok ? new I2cAddress(value) : throw new FormatException($"'{text}' is not an I2C address ({HowToWrite}).");
    }
}
