using System.Runtime.Versioning;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Deploy;

/// <summary>kubernetes/make-certs.sh into a scratch directory, its certificates checked with openssl.</summary>
[SupportedOSPlatform("linux")]
public sealed class MakeCertsScriptTests : IDisposable
{
    private readonly string _out = Path.Combine(Directory.CreateTempSubdirectory("pichassis-certs-").FullName, "autoscaler");

    private static string Script => Path.Combine(RepositoryPaths.Deploy, "kubernetes", "make-certs.sh");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true);

    [Fact]
    public async Task MakeCerts_HostAndAddress_ChainsVerifyWithNamesUsagesAndPrivateKeys()
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, "--out", _out, "pi-chassis", "192.168.1.10", "pi-chassis.lan");

        Assert.True(exitCode == 0, output);
        var ca = File("ca.pem");
        var verified = await OpenSsl("verify", "-CAfile", ca, File("server.pem"), File("client/tls.crt"));
        Assert.Contains($"{File("server.pem")}: OK", verified, StringComparison.Ordinal);
        Assert.Contains($"{File("client/tls.crt")}: OK", verified, StringComparison.Ordinal);
        var server = await OpenSsl("x509", "-in", File("server.pem"), "-noout", "-ext", "subjectAltName,extendedKeyUsage");
        Assert.Contains("DNS:pi-chassis, IP Address:192.168.1.10, DNS:pi-chassis.lan", server, StringComparison.Ordinal);
        Assert.Contains("TLS Web Server Authentication", server, StringComparison.Ordinal);
        var client = await OpenSsl("x509", "-in", File("client/tls.crt"), "-noout", "-subject", "-ext", "extendedKeyUsage");
        Assert.Contains("CN = cluster-autoscaler", client, StringComparison.Ordinal);
        Assert.Contains("TLS Web Client Authentication", client, StringComparison.Ordinal);
        Assert.Equal(System.IO.File.ReadAllText(ca), System.IO.File.ReadAllText(File("client/ca.crt")));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, System.IO.File.GetUnixFileMode(File("server-key.pem")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File("client/tls.key")));
        Assert.False(Directory.EnumerateFiles(_out, "*", SearchOption.AllDirectories).Any(f => f.Contains("ca-key", StringComparison.Ordinal)), "the CA's key must not be kept");
        Assert.Contains("kubectl -n kube-system create secret generic pichassis-autoscaler-client", output, StringComparison.Ordinal);
        Assert.Contains($"--from-file=tls.key={File("client/tls.key")}", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData()]
    [InlineData("pi-chassis")]
    [InlineData("pi-chassis", "300.1.1.1")]
    [InlineData("pi-chassis", "not-an-address")]
    [InlineData("192.168.1.10", "192.168.1.10")]
    [InlineData("-bad", "192.168.1.10")]
    [InlineData("pi-chassis", "192.168.1.10", "bad name!")]
    [InlineData("--days", "0", "pi-chassis", "192.168.1.10")]
    [InlineData("--days", "ten", "pi-chassis", "192.168.1.10")]
    [InlineData("--frobnicate", "pi-chassis", "192.168.1.10")]
    public async Task MakeCerts_BadArguments_Exit2WithReasonAndWriteNothing(params string[] args)
    {
        var (exitCode, output) = await ShellScript.RunAsync(Script, ["--out", _out, .. args]);

        Assert.Equal(2, exitCode);
        Assert.Contains("make-certs.sh: ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public async Task MakeCerts_Again_RefusedUnlessForcedThenANewSet()
    {
        await ShellScript.RunAsync(Script, "--out", _out, "pi-chassis", "192.168.1.10");
        var first = System.IO.File.ReadAllText(File("ca.pem"));

        var (refused, refusal) = await ShellScript.RunAsync(Script, "--out", _out, "pi-chassis", "192.168.1.10");
        var kept = System.IO.File.ReadAllText(File("ca.pem"));
        var (forced, output) = await ShellScript.RunAsync(Script, "--force", "--out", _out, "pi-chassis", "192.168.1.10");

        Assert.Equal(1, refused);
        Assert.Contains("--force", refusal, StringComparison.Ordinal);
        Assert.Equal(first, kept);
        Assert.True(forced == 0, output);
        Assert.NotEqual(first, System.IO.File.ReadAllText(File("ca.pem")));
    }

    private string File(string name) => Path.Combine(_out, name);

    private static async Task<string> OpenSsl(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("openssl", args, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }
}
