using System.Globalization;
using System.Text.RegularExpressions;
using PiChassis.Cli;
using PiChassis.Tests.Controller.Mqtt.Support;
using Spectre.Console.Testing;

namespace PiChassis.Tests.Cli.Integration;

/// <summary><c>watch</c> and <c>events --follow</c>: they run until cancelled, so the test watches their output grow.</summary>
public sealed class CliLiveTests(BrokerAndController rig) : IClassFixture<BrokerAndController>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Watch_Redirected_PrintsPlainTablesWithChassisLine()
    {
        var console = new TestConsole().Width(160);

        // The first tables may come while the fixture's slots still boot or before a probe has been read: wait for the steady view.
        const string SteadySlot = @"node01\s+on\s+manual\s+[0-9.]+\s+[0-9.]+\s+-";
        const string Inlet = "inlet [0-9.]+ °C";
        var (exitCode, _) = await RunUntilAsync(console, () => console.Output,
            text => text.Contains("node04", StringComparison.Ordinal) && text.Contains("headroom", StringComparison.Ordinal)
                && Regex.IsMatch(text, SteadySlot) && Regex.IsMatch(text, Inlet), null, "watch");

        Assert.Equal(0, exitCode);
        Assert.Contains("chassis sim online", console.Output, StringComparison.Ordinal);
        Assert.Matches(SteadySlot, console.Output);
        Assert.Matches(Inlet, console.Output);
        Assert.DoesNotContain("\u001b[", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Interactive_RedrawsInPlace()
    {
        var console = new TestConsole().Width(160).Interactive().EmitAnsiSequences();

        var (exitCode, _) = await RunUntilAsync(console, () => console.Output, text => text.Contains("node04", StringComparison.Ordinal), null, "watch");

        Assert.Equal(0, exitCode);
        Assert.Contains("\u001b[", console.Output, StringComparison.Ordinal);
        Assert.Contains("pichassis watch", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsFollow_NewEventPrintedOnce()
    {
        var console = new TestConsole();
        // The CLI subscribes before it prints the last event: the event caused after that line is followed.
        var (exitCode, output) = await RunUntilAsync(console, null, text => text.Contains("slot 3", StringComparison.Ordinal), async () =>
        {
            await using var client = await TestMqttClient.ConnectAsync(rig.Port);
            await client.PublishAsync("pichassis/sim/slot/3/set", "FORCE_OFF");
        }, "events", "--follow", "--last", "1");

        Assert.Equal(0, exitCode);
        Assert.Matches("sim #[0-9]+ .* power_off slot 3 by ", output);
        Assert.Single(output.Split('\n'), line => line.Contains("power_off slot 3", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs the CLI until its output satisfies <paramref name="done"/> (or the patience ends), then cancels it like Ctrl+C;
    /// <paramref name="afterFirstOutput"/> runs once the CLI has printed something.
    /// </summary>
    private async Task<(int ExitCode, string Output)> RunUntilAsync(TestConsole console, Func<string>? view, Func<string, bool> done, Func<Task>? afterFirstOutput, params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var synced = TextWriter.Synchronized(output);
        var environment = new Dictionary<string, string?> { ["PICHASSIS_MQTT_PORT"] = rig.Port.ToString(CultureInfo.InvariantCulture) };
        var io = new CliIo(console, synced, TextWriter.Null, environment.GetValueOrDefault, "/nonexistent/cli.json", TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(args, io, stop.Token);
        using var limit = new CancellationTokenSource(Patience);
        while (!limit.IsCancellationRequested && !run.IsCompleted)
        {
            string text;
            lock (synced)
            {
                text = view?.Invoke() ?? output.ToString();
            }

            if (done(text))
            {
                break;
            }

            if (afterFirstOutput is not null && text.Length > 0)
            {
                await afterFirstOutput();
                afterFirstOutput = null;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        await stop.CancelAsync();
        var exitCode = await run;
        lock (synced)
        {
            return (exitCode, output.ToString());
        }
    }
}
