using PiChassis.Controller.Hosting;

namespace PiChassis.Tests.Controller.Hosting;

public class ControllerCommandLineTests
{
    [Fact]
    public void Parse_DesignFlags_MapToSettings()
    {
        var line = ControllerCommandLine.Parse(["--simulate", "--slots", "16", "--mqtt-host", "127.0.0.1", "--mqtt-port=1884", "--data-dir", "/tmp/x"]);

        Assert.Empty(line.Errors);
        Assert.True(line.Simulate);
        Assert.Equal("true", line.Settings["Simulation:Enabled"]);
        Assert.Equal("16", line.Settings["Chassis:SlotCount"]);
        Assert.Equal("127.0.0.1", line.Settings["Mqtt:Host"]);
        Assert.Equal("1884", line.Settings["Mqtt:Port"]);
        Assert.Equal("/tmp/x", line.Settings["Storage:DataDir"]);
    }

    [Theory]
    [InlineData("--Power:PsuBudgetW=60")]
    [InlineData("--Power:PsuBudgetW", "60")]
    public void Parse_AnySetting_PassesThrough(params string[] args)
    {
        var line = ControllerCommandLine.Parse(args);

        Assert.Empty(line.Errors);
        Assert.Equal("60", line.Settings["Power:PsuBudgetW"]);
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsEveryOne()
    {
        var line = ControllerCommandLine.Parse(["--slots", "0", "--bogus", "--mqtt-port", "http", "--config", "/no/such/file.json", "--data-dir"]);

        Assert.Equal(5, line.Errors.Count);
        Assert.Contains(line.Errors, e => e.Contains("--slots", StringComparison.Ordinal));
        Assert.Contains(line.Errors, e => e.Contains("--bogus", StringComparison.Ordinal));
        Assert.Contains(line.Errors, e => e.Contains("--mqtt-port", StringComparison.Ordinal));
        Assert.Contains(line.Errors, e => e.Contains("/no/such/file.json", StringComparison.Ordinal));
        Assert.Contains(line.Errors, e => e.Contains("--data-dir needs a value", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Help_AsksForUsage()
    {
        Assert.True(ControllerCommandLine.Parse(["--help"]).ShowHelp);
    }

    [Fact]
    public void Parse_HashPassword_OnlyHashesAndStartsNothing()
    {
        var line = ControllerCommandLine.Parse(["--hash-password"]);

        Assert.True(line.HashPassword);
        Assert.Empty(line.Errors);
        Assert.Empty(line.Settings);
    }
}
