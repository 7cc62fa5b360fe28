using System.Globalization;

namespace PiChassis.Hardware.Temperature;

/// <summary>
/// The controller Pi's own SoC temperature, from the kernel's thermal zone: millidegrees Celsius
/// as text (for example "48312\n").
/// </summary>
public sealed class SocTemperatureProbe : ITemperatureProbe
{
    public const string DefaultPath = "/sys/class/thermal/thermal_zone0/temp";

    public SocTemperatureProbe(string path = DefaultPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    /// <exception cref="HardwareException">The file is missing, unreadable or holds no integer.</exception>
    public double ReadCelsius()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HardwareException($"SoC temperature: cannot read {Path} ({ex.Message})", ex);
        }

        // Integer style allows the trailing newline and a minus sign (a cold SoC reads below zero).
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliC)
            ? milliC / 1000.0
            : throw new HardwareException($"SoC temperature: {Path} does not hold millidegrees: '{text.Trim()}'");
    }

    /// <summary>Nothing to release: the file is opened per read.</summary>
    public void Dispose()
    {
    }
}
