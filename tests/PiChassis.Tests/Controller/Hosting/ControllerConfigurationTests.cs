using Microsoft.Extensions.Configuration;
using PiChassis.Controller.Hosting;

namespace PiChassis.Tests.Controller.Hosting;

public sealed class ControllerConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pichassis-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AddSources_SystemFile_OverridesAppSettingsAndYieldsToConfigAndCommandLine()
    {
        var system = Write("system.json", """{ "Chassis": { "Id": "rack1", "SlotCount": 4 }, "Power": { "PsuBudgetW": 80 } }""");
        var config = Write("site.json", """{ "Chassis": { "SlotCount": 6 } }""");

        var settings = Build(system, "--config", config, "--Power:PsuBudgetW=90");

        Assert.Equal("rack1", settings["Chassis:Id"]);
        Assert.Equal("6", settings["Chassis:SlotCount"]);
        Assert.Equal("90", settings["Power:PsuBudgetW"]);
        Assert.Equal("00:00:00.100", settings["Sampling:Interval"]); // from appsettings.json beside the program
    }

    [Fact]
    public void AddSources_SystemFileMissing_IsOptional()
    {
        var settings = Build(Path.Combine(_dir, "absent.json"));

        Assert.Equal("sim", settings["Chassis:Id"]);
    }

    [Fact]
    public void AddSources_FilesThatAreNotJson_EachReportedWithWhereItBroke()
    {
        var system = Write("system.json", """{ "Power": { "PsuBudgetW": 80 """);
        var config = Write("site.json", "{bad json");

        // The host's own builder, which reads each file as it is added.
        using var manager = new ConfigurationManager();
        var errors = ControllerConfiguration.AddSources(manager, ControllerCommandLine.Parse(["--config", config]), system);

        Assert.Equal(2, errors.Count);
        Assert.Contains(system, errors[0], StringComparison.Ordinal);
        Assert.Contains(config, errors[1], StringComparison.Ordinal);
        Assert.Contains("LineNumber: 0 | BytePositionInLine: 1", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void SystemConfigFile_IsWhereTheInstallScriptPutsIt()
    {
        Assert.Equal("/etc/pichassis/appsettings.json", ControllerConfiguration.SystemConfigFile);
        Assert.Equal(ControllerConfiguration.SystemConfigFile, ControllerConfiguration.SystemConfigFileForPlatform);
    }

    private static IConfigurationRoot Build(string systemFile, params string[] args)
    {
        var builder = new ConfigurationBuilder();
        ControllerConfiguration.AddSources(builder, ControllerCommandLine.Parse(args), systemFile);
        return builder.Build();
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }
}
