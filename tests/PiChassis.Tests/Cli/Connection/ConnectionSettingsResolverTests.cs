using System.Runtime.Versioning;
using PiChassis.Cli;
using PiChassis.Cli.Connection;

namespace PiChassis.Tests.Cli.Connection;

[SupportedOSPlatform("linux")]
public sealed class ConnectionSettingsResolverTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"pichassis-cli-{Guid.NewGuid():N}.json");

    private static readonly ConnectionFlags NoFlags = new(null, null, null, null, null);

    public void Dispose() => File.Delete(_file);

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_Nothing_Loopback1883()
    {
        Assert.Equal(new ConnectionSettings("127.0.0.1", 1883, null, null, null), ConnectionSettingsResolver.Resolve(NoFlags, Env(), _file, TextWriter.Null));
    }

    [Fact]
    public void Resolve_FlagsOverEnvironmentOverFile_EachSettingOnItsOwn()
    {
        File.WriteAllText(_file, """{"host":"file-host","port":1000,"user":"file-user","password":"file-pw","ca_file":"/file/ca.pem"}""");
        var env = Env(("PICHASSIS_MQTT_HOST", "env-host"), ("PICHASSIS_MQTT_PORT", "2000"), ("PICHASSIS_MQTT_USER", "env-user"));
        var flags = new ConnectionFlags("flag-host", null, null, null, null);

        var settings = ConnectionSettingsResolver.Resolve(flags, env, _file, TextWriter.Null);

        Assert.Equal(new ConnectionSettings("flag-host", 2000, "env-user", "file-pw", "/file/ca.pem"), settings);
    }

    [Fact]
    public void Resolve_CaFileWithoutPort_TlsPort8883()
    {
        var settings = ConnectionSettingsResolver.Resolve(NoFlags, Env(("PICHASSIS_MQTT_CA_FILE", "/etc/ca.pem")), _file, TextWriter.Null);

        Assert.Equal(8883, settings.Port);
        Assert.True(settings.UsesTls);
    }

    [Theory]
    [InlineData("""{"port":"x"}""")]
    [InlineData("""{"port":70000}""")]
    [InlineData("[1]")]
    [InlineData("{not json")]
    public void Resolve_BadFile_UsageError(string content)
    {
        File.WriteAllText(_file, content);

        var failure = Assert.Throws<CliException>(() => ConnectionSettingsResolver.Resolve(NoFlags, Env(), _file, TextWriter.Null));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
    }

    [Theory]
    [InlineData(0b110_100_100, true)]
    [InlineData(0b110_100_000, true)]
    [InlineData(0b110_000_100, true)]
    [InlineData(0b110_000_000, false)]
    [InlineData(0b100_000_000, false)]
    public void Resolve_FileWithPassword_WarnsWhenGroupOrOthersMayRead(int mode, bool warns)
    {
        File.WriteAllText(_file, """{"user":"slurm","password":"secret"}""");
        File.SetUnixFileMode(_file, (UnixFileMode)mode);
        var warnings = new StringWriter();

        var settings = ConnectionSettingsResolver.Resolve(NoFlags, Env(), _file, warnings);

        Assert.Equal("secret", settings.Password);
        Assert.Equal(warns, warnings.ToString().Contains($"warning: {_file} holds a password", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", warnings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FileWithoutPassword_NoWarning()
    {
        File.WriteAllText(_file, """{"host":"head"}""");
        File.SetUnixFileMode(_file, (UnixFileMode)0b110_100_100);
        var warnings = new StringWriter();

        ConnectionSettingsResolver.Resolve(NoFlags, Env(), _file, warnings);

        Assert.Empty(warnings.ToString());
    }
}
