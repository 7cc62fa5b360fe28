using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PiChassis.Controller.Hosting;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Deploy;

/// <summary>The unit and the settings file that install.sh puts on a Pi.</summary>
public class DeployAssetsTests
{
    private static readonly string[] Unit = File.ReadAllLines(Path.Combine(RepositoryPaths.Deploy, "systemd", "pichassis.service"));

    [Theory]
    [InlineData("Type=notify")]
    [InlineData("WatchdogSec=10s")]
    [InlineData("User=pichassis")]
    [InlineData("SupplementaryGroups=gpio i2c")]
    [InlineData("StateDirectory=pichassis")]
    [InlineData("DevicePolicy=closed")]
    [InlineData("DeviceAllow=/dev/i2c-1 rw")]
    [InlineData("DeviceAllow=char-gpiochip rw")]
    [InlineData("ExecStart=/opt/pichassis/pichassis-controller --data-dir /var/lib/pichassis")]
    public void Unit_HasDirective(string directive)
    {
        Assert.Contains(directive, Unit);
    }

    [Theory]
    [InlineData("PrivateDevices=")]
    [InlineData("ProtectKernelTunables=")]
    [InlineData("DynamicUser=")]
    [InlineData("PrivateUsers=")]
    public void Unit_DoesNotCutOffI2cOrGpio(string directive)
    {
        Assert.DoesNotContain(Unit, line => line.StartsWith(directive, StringComparison.Ordinal));
    }

    /// <summary>systemd's own rating of the unit's exposure (0 safest, 10 none); tests/run.sh installs systemd-analyze.</summary>
    [Fact]
    public async Task Unit_SystemdSecurityExposure_AtMost1Point5()
    {
        var unit = Path.Combine(RepositoryPaths.Deploy, "systemd", "pichassis.service");

        var result = await ProcessRunner.RunAsync("systemd-analyze", ["security", "--offline=true", "--no-pager", unit], TimeSpan.FromSeconds(30));

        const string Overall = "Overall exposure level for pichassis.service: ";
        var line = (result.Output + result.Error).Split('\n').FirstOrDefault(l => l.Contains(Overall, StringComparison.Ordinal));
        Assert.True(line is not null, $"systemd-analyze gave no rating (exit {result.ExitCode}): {result.Error}");
        var rating = line[(line.IndexOf(Overall, StringComparison.Ordinal) + Overall.Length)..].Split(' ')[0];
        Assert.InRange(double.Parse(rating, CultureInfo.InvariantCulture), 0, 1.5);
    }

    [Fact]
    public void Settings_InstalledFile_PassesTheConfigurationCheck()
    {
        var builder = new ConfigurationBuilder();
        ControllerConfiguration.AddSources(builder, ControllerCommandLine.Parse([]), Path.Combine(RepositoryPaths.Deploy, "appsettings.json"));
        var configuration = builder.Build();
        using var services = new ServiceCollection().AddLogging().AddPiChassisController(configuration).BuildServiceProvider();

        Assert.Empty(ConfigurationCheck.Collect(services));
        Assert.Equal("chassis1", configuration["Chassis:Id"]);
        Assert.Equal("False", configuration["ConsoleView:Enabled"], ignoreCase: true);
    }
}
