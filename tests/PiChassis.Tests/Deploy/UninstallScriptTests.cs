using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Deploy;

/// <summary>uninstall.sh on an installed scratch root: what goes, and what stays without --purge.</summary>
public sealed class UninstallScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pichassis-uninstall-").FullName;

    public UninstallScriptTests()
    {
        foreach (var file in new[] { "opt/pichassis/pichassis-controller", "etc/pichassis/appsettings.json", "etc/systemd/system/pichassis.service", "var/lib/pichassis/energy.db" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, file))!);
            File.WriteAllText(Path.Combine(_root, file), file);
        }
    }

    private static string Script => Path.Combine(RepositoryPaths.Deploy, "uninstall.sh");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Uninstall_Default_RemovesProgramAndUnitKeepsSettingsAndState()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--root", _root);

        Assert.True(exitCode == 0, output);
        Assert.False(Directory.Exists(Path.Combine(_root, "opt/pichassis")));
        Assert.False(File.Exists(Path.Combine(_root, "etc/systemd/system/pichassis.service")));
        Assert.True(File.Exists(Path.Combine(_root, "etc/pichassis/appsettings.json")));
        Assert.True(File.Exists(Path.Combine(_root, "var/lib/pichassis/energy.db")));
        Assert.Contains("skip (--root): systemctl disable --now pichassis.service", output, StringComparison.Ordinal);
        Assert.DoesNotContain("userdel", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_Purge_RemovesSettingsStateAndUser()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--root", _root, "--purge");

        Assert.True(exitCode == 0, output);
        Assert.False(Directory.Exists(Path.Combine(_root, "etc/pichassis")));
        Assert.False(Directory.Exists(Path.Combine(_root, "var/lib/pichassis")));
        Assert.Contains("skip (--root): userdel pichassis", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_DryRun_TouchesNothing()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--root", _root, "--purge", "--dry-run");

        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(Path.Combine(_root, "opt/pichassis/pichassis-controller")));
        Assert.True(File.Exists(Path.Combine(_root, "var/lib/pichassis/energy.db")));
        Assert.Contains($"+ rm -rf {_root}/etc/pichassis {_root}/var/lib/pichassis", output, StringComparison.Ordinal);
    }
}
