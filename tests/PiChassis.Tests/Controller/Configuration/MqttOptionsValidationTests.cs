using System.Runtime.Versioning;
using PiChassis.Controller.Configuration;

namespace PiChassis.Tests.Controller.Configuration;

public class MqttOptionsValidationTests
{
    private readonly ControllerOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.True(_validator.Validate(null, new MqttOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new TelemetryOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EveryMistake_ListedAtOnce()
    {
        var options = new MqttOptions
        {
            Port = 0,
            Embedded = true,
            Host = "broker.lan",
            Password = "secret",
            ClientCertFile = "/nonexistent/client.pem",
            CaFile = "/nonexistent/ca.pem",
            EmbeddedAddress = "localhost",
            ReconnectMinDelay = TimeSpan.FromMinutes(5),
            DiscoveryPrefix = "home/#",
            CommandRatePerSecond = 0,
        };

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("Mqtt:Port", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mqtt:Password is set without Mqtt:Username", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("go together", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mqtt:CaFile", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("embedded broker speaks no TLS", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mqtt:Embedded and Mqtt:Host exclude each other", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mqtt:EmbeddedAddress", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mqtt:ReconnectMinDelay", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mqtt:DiscoveryPrefix", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Mqtt:CommandRatePerSecond", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TlsWithExternalBroker_Valid()
    {
        var ca = Path.GetTempFileName();
        try
        {
            Assert.True(_validator.Validate(null, new MqttOptions { Host = "broker.lan", Port = 8883, CaFile = ca, Username = "u", Password = "p" }).Succeeded);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.10")]
    [InlineData("::")]
    public void Validate_NetworkEmbeddedAddressWithoutAccounts_Refused(string address)
    {
        var failures = _validator.Validate(null, new MqttOptions { EmbeddedAddress = address }).Failures;

        Assert.Contains(failures!, f => f.Contains("Mqtt:EmbeddedAddress", StringComparison.Ordinal) && f.Contains("Mqtt:EmbeddedAccountsFile", StringComparison.Ordinal));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Validate_AccountsFileReadableByOthersOrNotHashed_RefusedNamingLines()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "slurm:plaintext\n");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

            var failure = Assert.Single(_validator.Validate(null, new MqttOptions { EmbeddedAccountsFile = file, EmbeddedAddress = "0.0.0.0" }).Failures!);

            Assert.Contains("Mqtt:EmbeddedAccountsFile", failure, StringComparison.Ordinal);
            Assert.Contains("chmod 600", failure, StringComparison.Ordinal);
            Assert.Contains("line 1", failure, StringComparison.Ordinal);
            Assert.DoesNotContain("plaintext", failure, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Validate_TelemetryOutOfRange_Refused()
    {
        var failures = _validator.Validate(null, new TelemetryOptions
        {
            PublishInterval = TimeSpan.FromMilliseconds(10),
            DeadbandW = -1,
        }).Failures!.ToList();

        Assert.Equal(3, failures.Count);
    }
}
