using System.Net;
using System.Text.RegularExpressions;
using PiChassis.Controller.Redfish;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.EndToEnd;

/// <summary>The controller program itself: what <c>--simulate</c> prints about Redfish, and <c>--hash-password</c>.</summary>
public sealed partial class RedfishStartupTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("pichassis-redfish-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Simulate_PrintsTheServiceUrlAndTheDevelopmentAccount()
    {
        // ControllerProcess gives every controller a free Redfish port (PICHASSIS_Redfish__Port=0), so this one prints the port it got.
        using var controller = ControllerProcess.Start("--simulate", "--slots", "2", "--data-dir", _dataDir, "--ConsoleView:Enabled=false");

        Assert.True(await controller.WaitForOutputAsync("Redfish development account: admin / pichassis", TimeSpan.FromSeconds(60)), controller.Output);
        var url = ServiceUrl().Match(controller.Output);
        Assert.True(url.Success, controller.Output);
        using var client = new HttpClient();
        using var root = await client.GetAsync(new Uri(url.Groups["url"].Value));
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);

        controller.Terminate();
        Assert.Equal(0, await controller.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task HashPassword_FromStdin_PrintsAHashThatVerifies()
    {
        var run = await ProcessRunner.RunAsync("dotnet", [ControllerProcess.ProgramPath, "--hash-password"], TimeSpan.FromSeconds(60), "correct horse\n");

        Assert.Equal(0, run.ExitCode);
        Assert.True(PasswordHash.TryParse(run.Lines.Single(), out var hash, out var error), error);
        Assert.True(hash!.Verify("correct horse"));
    }

    [Fact]
    public async Task HashPassword_EmptyStdin_UsageError()
    {
        var run = await ProcessRunner.RunAsync("dotnet", [ControllerProcess.ProgramPath, "--hash-password"], TimeSpan.FromSeconds(60), "");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--hash-password reads the password", run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Redfish service on (?<url>http://127\.0\.0\.1:\d+/redfish/v1)")]
    private static partial Regex ServiceUrl();
}
