using PiChassis.Hardware;
using PiChassis.Hardware.Temperature;

namespace PiChassis.Tests.Hardware.Temperature;

public sealed class SocTemperatureProbeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pichassis-soc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("48312\n", 48.312)]
    [InlineData("-5250\n", -5.25)]
    [InlineData("0", 0.0)]
    public void ReadCelsius_Millidegrees_ReturnsDegrees(string content, double expected)
    {
        using var probe = new SocTemperatureProbe(WriteZone(content));

        Assert.Equal(expected, probe.ReadCelsius(), 9);
    }

    [Fact]
    public void ReadCelsius_FileChangesBetweenReads_ReadsTheNewValue()
    {
        var path = WriteZone("40000\n");
        using var probe = new SocTemperatureProbe(path);
        probe.ReadCelsius();

        File.WriteAllText(path, "61500\n");

        Assert.Equal(61.5, probe.ReadCelsius(), 9);
    }

    [Fact]
    public void ReadCelsius_MissingFile_ThrowsHardwareExceptionNamingPath()
    {
        var path = Path.Combine(_directory, "thermal_zone9", "temp");
        using var probe = new SocTemperatureProbe(path);

        var ex = Assert.Throws<HardwareException>(() => probe.ReadCelsius());
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hot\n")]
    [InlineData("48.3\n")]
    [InlineData("99999999999999999999\n")]
    public void ReadCelsius_Garbage_ThrowsHardwareException(string content)
    {
        using var probe = new SocTemperatureProbe(WriteZone(content));

        Assert.Throws<HardwareException>(() => probe.ReadCelsius());
    }

    [Fact]
    public void Constructor_Default_UsesThermalZoneZero()
    {
        using var probe = new SocTemperatureProbe();

        Assert.Equal("/sys/class/thermal/thermal_zone0/temp", probe.Path);
    }

    private string WriteZone(string content)
    {
        var path = Path.Combine(_directory, "temp");
        File.WriteAllText(path, content);
        return path;
    }
}
