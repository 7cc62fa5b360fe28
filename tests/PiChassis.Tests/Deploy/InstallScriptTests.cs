using System.Runtime.Versioning;
using PiChassis.Tests.Controller.Mqtt.Support;
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
        // Stands in for the controller: --hash-password answers with a marker of the password's length, never the password.
        File.WriteAllText(executable, "#!/bin/sh\nif [ \"$1\" = --hash-password ]; then read -r p; echo \"pbkdf2-sha256\\$test\\$${#p}\"; else echo controller; fi\n");
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
    public async Task Install_LooseBuildOfAnotherUser_EveryFileRootsWithItsMode_TwiceTheSame()
    {
        // The audit's case: a build tree owned by the build user (uid 1000) and 0777 everywhere.
        var library = Path.Combine(Build, "native", "libSystem.Native.so");
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        File.WriteAllBytes(library, [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0]);
        foreach (var path in Directory.EnumerateFileSystemEntries(Build, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        }

        await Chown("1000:1000", Build);
        var expected = new Dictionary<string, (int Mode, string Owner)>
        {
            ["opt/pichassis"] = (0b111_101_101, "0:0"),
            ["opt/pichassis/pichassis-controller"] = (0b111_101_101, "0:0"),
            ["opt/pichassis/appsettings.json"] = (0b110_100_100, "0:0"),
            ["opt/pichassis/native"] = (0b111_101_101, "0:0"),
            ["opt/pichassis/native/libSystem.Native.so"] = (0b111_101_101, "0:0"),
            ["etc/pichassis"] = (0b111_101_101, "0:0"),
            // Group pichassis comes from chgrp, which --root only prints.
            ["etc/pichassis/appsettings.json"] = (0b110_100_000, "0:0"),
            ["etc/systemd/system/pichassis.service"] = (0b110_100_100, "0:0"),
            ["etc/pichassis/redfish.pem"] = (0b110_100_000, "0:0"),
            ["etc/pichassis/redfish.env"] = (0b110_100_000, "0:0"),
            ["etc/pichassis/redfish-admin.password"] = (0b110_000_000, "0:0"),
            ["etc/systemd/system/pichassis.service.d/rack-network.conf"] = (0b110_100_100, "0:0"),
        };

        foreach (var run in new[] { "first", "second" })
        {
            var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root);

            Assert.True(exitCode == 0, output);
            foreach (var (file, (mode, owner)) in expected)
            {
                Assert.Equal((file, run, Convert.ToString(mode, 8), owner), (file, run, Convert.ToString((int)File.GetUnixFileMode(Path.Combine(Root, file)), 8), await Owner(Path.Combine(Root, file))));
            }

            Assert.Contains("skip (--root): chgrp pichassis", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Install_Redfish_CertificateAndAdministratorMadeOnceWithOnlyTheHashForTheService()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root);
        var pem = File.ReadAllText(Path.Combine(Root, "etc/pichassis/redfish.pem"));
        var password = File.ReadAllText(Path.Combine(Root, "etc/pichassis/redfish-admin.password")).Trim();
        var env = File.ReadAllText(Path.Combine(Root, "etc/pichassis/redfish.env"));
        var (again, secondOutput) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root);

        Assert.True(exitCode == 0, output);
        Assert.Contains("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        Assert.Contains("PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.True(password.Length >= 20, password);
        Assert.Contains($"PICHASSIS_Redfish__Accounts__0__PasswordHash='pbkdf2-sha256$test${password.Length}'", env, StringComparison.Ordinal);
        Assert.Contains("PICHASSIS_Redfish__CertificatePath=/etc/pichassis/redfish.pem", env, StringComparison.Ordinal);
        Assert.DoesNotContain(password, env, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        Assert.Contains("/etc/pichassis/redfish-admin.password", output, StringComparison.Ordinal);
        Assert.True(again == 0, secondOutput);
        Assert.Contains("keeping the Redfish certificate", secondOutput, StringComparison.Ordinal);
        Assert.Equal(password, File.ReadAllText(Path.Combine(Root, "etc/pichassis/redfish-admin.password")).Trim());
        Assert.Equal(pem, File.ReadAllText(Path.Combine(Root, "etc/pichassis/redfish.pem")));
    }

    [Fact]
    public async Task Install_SettingsAlreadyThereLoose_KeptButMadeRootsAnd0640()
    {
        var settings = Path.Combine(Root, "etc/pichassis/appsettings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        File.WriteAllText(settings, """{ "Mqtt": { "Password": "secret" } }""");
        File.SetUnixFileMode(settings, (UnixFileMode)0b110_110_110);
        await Chown("1000:1000", settings);

        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root);

        Assert.True(exitCode == 0, output);
        Assert.Equal("""{ "Mqtt": { "Password": "secret" } }""", File.ReadAllText(settings));
        Assert.Equal(("640", "0:0"), (Convert.ToString((int)File.GetUnixFileMode(settings), 8), await Owner(settings)));
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
        Assert.Contains($"+ install -o root -g root -m 0755 {Build}/pichassis-controller {Root}/opt/pichassis.new/pichassis-controller", output, StringComparison.Ordinal);
        Assert.Contains($"+ install -o root -g root -m 0640 ", output, StringComparison.Ordinal);
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
    public async Task Install_BuildWithASymlink_RefusesIt()
    {
        File.CreateSymbolicLink(Path.Combine(Build, "link"), "/etc/shadow");

        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Build, "--root", Root);

        Assert.Equal(1, exitCode);
        Assert.Contains("neither a plain file nor a directory", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_NoBuild_FailsWithAHint()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--from", Path.Combine(_scratch, "nothing"), "--root", Root);

        Assert.Equal(1, exitCode);
        Assert.Contains("run controller/deploy/publish.sh first", output, StringComparison.Ordinal);
    }

    /// <summary>Ownership needs root: these tests stand in for a root install, so they run as root (as tests/run.sh does).</summary>
    private static async Task Chown(string owner, string path)
    {
        Assert.True(Environment.UserName == "root", "install.sh's ownership tests need root (chown)");
        var chown = await ProcessRunner.RunAsync("chown", ["-R", owner, path], TimeSpan.FromSeconds(10));
        Assert.True(chown.ExitCode == 0, chown.Error);
    }

    private static async Task<string> Owner(string path) => (await ProcessRunner.RunAsync("stat", ["-c", "%u:%g", path], TimeSpan.FromSeconds(10))).Output.Trim();
}
