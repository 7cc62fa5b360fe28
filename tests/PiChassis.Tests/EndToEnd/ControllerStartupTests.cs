using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.EndToEnd;

public sealed class ControllerStartupTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pichassis-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Simulate_ShowsLiveReadingsAndStopsCleanlyOnSigterm()
    {
        using var controller = ControllerProcess.Start("--simulate", "--slots", "4", "--data-dir", _dataDir, "--ConsoleView:Interval=00:00:00.500");

        Assert.True(await controller.WaitForOutputAsync("   4  node04", TimeSpan.FromSeconds(30)), controller.Output);
        controller.Terminate();

        Assert.Equal(0, await controller.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Matches(@"total\s+\d+\.\d+ W\s+bus 5\.\d\d V", controller.Output);
        Assert.True(File.Exists(Path.Combine(_dataDir, "simulator.json")));
    }

    [Fact]
    public async Task BadConfiguration_StopsAtStartListingEveryError()
    {
        var config = Path.Combine(_dataDir, "bad.json");
        await File.WriteAllTextAsync(config, """
            {
              "Chassis": {
                "Slots": [
                  { "Slot": 1, "SensorAddress": "0x40" },
                  { "Slot": 2, "SensorAddress": "0x40", "ShuntOhms": -0.01 },
                  { "Slot": 3, "Relay": { "Driver": "mcp23017", "Address": "0x20", "Pin": 0 } },
                  { "Slot": 4, "Led": { "Driver": "ws2812" } }
                ]
              },
              "Sampling": { "Interval": "00:00:30" },
              "Power": { "PsuBudgetW": -5 }
            }
            """);

        using var controller = ControllerProcess.Start("--simulate", "--data-dir", _dataDir, "--config", config);

        Assert.Equal(2, await controller.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var output = controller.Output;
        Assert.Contains("Slot 2 INA219: I2C address 0x40 is already used by Slot 1 INA219", output, StringComparison.Ordinal);
        Assert.Contains("Slot 2: ShuntOhms -0.01", output, StringComparison.Ordinal);
        Assert.Contains("Slot 3 relay: MCP23017 0x20 pin 0 is already used by Slot 1 relay", output, StringComparison.Ordinal);
        Assert.Contains("Slot 4 LED: unknown driver 'ws2812'", output, StringComparison.Ordinal);
        Assert.Contains("Sampling:Interval", output, StringComparison.Ordinal);
        Assert.Contains("Power:PsuBudgetW -5", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDir, "simulator.json")), "a refused configuration must not touch the hardware");
    }

    [Fact]
    public async Task HourLongDwells_StopAtStartListingEveryOne()
    {
        string[] keys =
        [
            "Protection:OvercurrentDwell", "Protection:UndervoltageDwell", "Protection:RelayCheckDwell",
            "Protection:ShedInterval", "Protection:TemperatureShedInterval",
        ];

        using var controller = ControllerProcess.Start(["--simulate", "--data-dir", _dataDir, .. keys.Select(k => $"--{k}=01:00:00")]);

        Assert.Equal(2, await controller.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var output = controller.Output;
        Assert.Contains("the configuration has 5 problem(s)", output, StringComparison.Ordinal);
        Assert.All(keys, k => Assert.Contains($"{k} 01:00:00 must be above 0 and at most", output, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_dataDir, "simulator.json")), "a refused configuration must not touch the hardware");
    }

    [Fact]
    public async Task BadArguments_ClearErrorAndUsageExitCode()
    {
        using var controller = ControllerProcess.Start("--slots", "99", "--frobnicate");

        Assert.Equal(2, await controller.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("--slots '99' must be a whole number from 1 to 16", controller.Output, StringComparison.Ordinal);
        Assert.Contains("Unknown argument '--frobnicate'", controller.Output, StringComparison.Ordinal);
    }
}
