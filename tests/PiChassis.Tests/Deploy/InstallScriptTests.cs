using System.Runtime.Versioning;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Deploy;

/// <summary>install.sh into a scratch root: the files it lays down, and the system commands it would run.</summary>
[SupportedOSPlatform("linux")]
public sealed class InstallScriptTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("pichassis-install-").FullName;

    public InstallScriptTests()
    {
        Build = Path.Combine(_scratch, "build");
        Root = Path.Combine(_scratch, "root");
        Directory.CreateDirectory(Build);
        var executable = Path.Combine(Build, "pichassis-controller");
        File.WriteAllText(executable, "#!/bin/sh\necho controller\n");
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(Build, "appsettings.json"), "{}");
    }

    private static string Script => Path.Combine(RepositoryPaths.Deploy, "install.sh");

    private string Build { get; }

    private string Root { get; }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Install_IntoRoot_LaysDownBuildSettingsAndUnit()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root);

        Assert.True(exitCode == 0, output);
        var executable = Path.Combine(Root, "opt/pichassis/pichassis-controller");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Deploy, "appsettings.json")), File.ReadAllText(Path.Combine(Root, "etc/pichassis/appsettings.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Deploy, "systemd/pichassis.service")), File.ReadAllText(Path.Combine(Root, "etc/systemd/system/pichassis.service")));
        Assert.Contains("skip (--root): useradd --system --user-group --groups gpio,i2c", output, StringComparison.Ordinal);
        Assert.Contains("skip (--root): raspi-config nonint do_i2c 0", output, StringComparison.Ordinal);
        Assert.Contains("skip (--root): systemctl enable pichassis.service", output, StringComparison.Ordinal);
        Assert.Contains("skip (--root): systemctl restart pichassis.service", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_SettingsAlreadyThere_KeepsThem()
    {
        var settings = Path.Combine(Root, "etc/pichassis/appsettings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, """{ "Chassis": { "Id": "rack7" } }""");

        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root);

        Assert.True(exitCode == 0, output);
        Assert.Equal("""{ "Chassis": { "Id": "rack7" } }""", File.ReadAllText(settings));
        Assert.Contains("keeping", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_Upgrade_ReplacesTheOldBuildWhole()
    {
        var stale = Path.Combine(Root, "opt/pichassis/old-library.so");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "old");

        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root);

        Assert.True(exitCode == 0, output);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Path.Combine(Root, "opt/pichassis/pichassis-controller")));
    }

    [Fact]
    public async Task Install_DryRun_PrintsEveryStepAndTouchesNothing()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root, "--dry-run");

        Assert.True(exitCode == 0, output);
        Assert.False(Directory.Exists(Root));
        Assert.Contains($"+ cp -a {Build}/. {Root}/opt/pichassis.new/", output, StringComparison.Ordinal);
        Assert.Contains($"+ install -m 0640 ", output, StringComparison.Ordinal);
        Assert.Contains("+ useradd --system", output, StringComparison.Ordinal);
        Assert.Contains("+ systemctl restart pichassis.service", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_NoStart_EnablesWithoutStarting()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root, "--no-start");

        Assert.True(exitCode == 0, output);
        Assert.Contains("systemctl enable pichassis.service", output, StringComparison.Ordinal);
        Assert.DoesNotContain("systemctl restart", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_NoBuild_FailsWithAHint()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Path.Combine(_scratch, "nothing"), "--root", Root);

        Assert.Equal(1, exitCode);
        Assert.Contains("run controller/deploy/publish.sh first", output, StringComparison.Ordinal);
    }
}
