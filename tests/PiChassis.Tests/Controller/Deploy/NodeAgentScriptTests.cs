using System.Globalization;
using System.Text.Json.Nodes;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Controller.Deploy;

/// <summary>The shell node agent of controller/deploy/node-agent against a real Mosquitto.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NodeAgentScriptTests
{
    private static string Script => RepositoryPaths.Deploy("node-agent", "pichassis-node-agent");

    [Fact]
    public async Task Agent_HeartbeatsStatusAndHalt_AsTheContractSays()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var halted = Path.Combine(broker.Dir, "halted");
        await MosquittoClients.PublishAsync(broker.Port, "pichassis/nodes/node07/cmd", """{"id":"stale","action":"halt"}""", retain: true);
        await using var observer = await TestMqttClient.ConnectAsync(broker.Port, null, "pichassis/nodes/node07/#");
        var (agent, output) = StartAgent(broker.Port, halted);
        try
        {
            var beat = await observer.WaitForAsync(m => m.Topic == "pichassis/nodes/node07/heartbeat", BrokerAndController.Patience);
            var online = await observer.WaitForAsync("pichassis/nodes/node07/status", p => p == "online", BrokerAndController.Patience);
            var announce = await observer.WaitForAsync(m => m.Topic == "pichassis/nodes/node07/announce", BrokerAndController.Patience);
            Assert.True(beat is not null, output());
            Assert.NotNull(online);
            Assert.True(announce is not null, output());
            Assert.True((int)JsonNode.Parse(TestMqttClient.Text(announce))!["uptime_s"]! > 0);
            var json = JsonNode.Parse(TestMqttClient.Text(beat))!.AsObject();
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)json["ts"]);
            Assert.True((double)json["uptime_s"]! > 0);
            Assert.True((double)json["load1"]! >= 0);
            Assert.True(json.ContainsKey("soc_temp_c"));
            Assert.True(await AgentHasReadACommandAsync(broker.Port, output), output());
            Assert.False(File.Exists(halted), "a retained halt must not be obeyed");

            await MosquittoClients.PublishAsync(broker.Port, "pichassis/nodes/node07/cmd", """{"id":"h1","action":"halt"}""");

            var offline = await observer.WaitForAsync("pichassis/nodes/node07/status", p => p == "offline", BrokerAndController.Patience);
            Assert.NotNull(offline);
            for (var i = 0; i < 200 && !File.Exists(halted); i++)
            {
                await Task.Delay(50);
            }

            Assert.True(File.Exists(halted));
        }
        finally
        {
            await StopAsync(agent);
        }
    }

    [Fact]
    public async Task Agent_OnTheEmbeddedBroker_Heartbeats()
    {
        // The controller's own broker (MQTTnet) turns away MQTT 3.1.1 clients without a client id, as the stock clients connect by default.
        var port = FreePort.Next();
        using var broker = await StandaloneEmbeddedBroker.StartAsync(port);
        await using var observer = await TestMqttClient.ConnectAsync(port, null, "pichassis/nodes/node07/#");
        var (agent, output) = StartAgent(port, Path.Combine(Path.GetTempPath(), $"halted-{Guid.NewGuid():N}"));
        try
        {
            var beat = await observer.WaitForAsync(m => m.Topic == "pichassis/nodes/node07/heartbeat", BrokerAndController.Patience);
            var online = await observer.WaitForAsync("pichassis/nodes/node07/status", p => p == "online", BrokerAndController.Patience);

            Assert.True(beat is not null, output());
            Assert.NotNull(online);
        }
        finally
        {
            await StopAsync(agent);
        }
    }

    [Fact]
    public async Task Agent_WithAPassword_NoProcessEverHasItInItsArgv()
    {
        var password = $"pw-{Guid.NewGuid():N}";
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoSetup
        {
            Users = new Dictionary<string, string> { ["node07"] = password, ["observer"] = "o" },
        });
        var credentials = Path.Combine(broker.Dir, "node-agent.credentials");
        await File.WriteAllTextAsync(credentials, $"-u node07\n-P {password}\n");
        File.SetUnixFileMode(credentials, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Stand-ins for the clients that log each argv, then run the real one: short-lived
        // mosquitto_pub processes can come and go between two looks at /proc.
        var shims = Directory.CreateDirectory(Path.Combine(broker.Dir, "bin")).FullName;
        var argvLog = Path.Combine(broker.Dir, "argv.log");
        foreach (var client in new[] { "mosquitto_pub", "mosquitto_sub" })
        {
            var shim = Path.Combine(shims, client);
            await File.WriteAllTextAsync(shim, $"#!/bin/sh\nprintf '%s\\n' \"{client} $*\" >> {argvLog}\nexec /usr/bin/{client} \"$@\"\n");
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await using var observer = await TestMqttClient.ConnectAsAsync(broker.Port, "observer", "o", "pichassis/nodes/node07/#");
        var (agent, output) = StartAgent(broker.Port, Path.Combine(broker.Dir, "halted"),
            $"PICHASSIS_CREDENTIALS={credentials}", $"TMPDIR={broker.Dir}", $"PATH={shims}:{Environment.GetEnvironmentVariable("PATH")}");
        var exposed = new List<string>();
        var listenerSeen = false;
        try
        {
            using var limit = new CancellationTokenSource(BrokerAndController.Patience);
            while (!limit.IsCancellationRequested && (observer.Messages("pichassis/nodes/node07/heartbeat").Count < 3 || !listenerSeen))
            {
                foreach (var cmdline in CommandLines())
                {
                    listenerSeen |= cmdline.Contains("mosquitto_sub", StringComparison.Ordinal) && cmdline.Contains("pichassis/nodes/node07/cmd", StringComparison.Ordinal);
                    if (cmdline.Contains(password, StringComparison.Ordinal))
                    {
                        exposed.Add(cmdline);
                    }
                }

                await Task.Delay(10, CancellationToken.None);
            }
        }
        finally
        {
            await StopAsync(agent);
        }

        var argv = await File.ReadAllLinesAsync(argvLog);
        Assert.True(observer.Messages("pichassis/nodes/node07/heartbeat").Count >= 3, "no heartbeats with the credentials file: " + output());
        Assert.True(listenerSeen, "the agent's mosquitto_sub was never seen in /proc");
        Assert.Empty(exposed);
        Assert.Contains(argv, a => a.StartsWith("mosquitto_pub ", StringComparison.Ordinal));
        Assert.Contains(argv, a => a.StartsWith("mosquitto_sub ", StringComparison.Ordinal));
        Assert.DoesNotContain(argv, a => a.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain("warning", output(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_PasswordInTheEnvironment_RefusedWithTheWayOut()
    {
        var result = await ProcessRunner.RunAsync("env", ["PICHASSIS_NODE=node07", "PICHASSIS_PASSWORD=secret", "sh", Script], TimeSpan.FromSeconds(10));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-P <password>", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Every process's argv as /proc shows it to any local user, arguments joined by spaces.</summary>
    private static IEnumerable<string> CommandLines()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            string cmdline;
            try
            {
                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // gone meanwhile, or not a process
            }

            yield return cmdline.Replace('\0', ' ');
        }
    }

    [Theory]
    [InlineData("-Ehalt.log")]
    [InlineData(".node07")]
    public async Task Agent_NodeNameAnOption_RefusesToStart(string node)
    {
        var result = await ProcessRunner.RunAsync("env", [$"PICHASSIS_NODE={node}", "PICHASSIS_BROKER=127.0.0.1", "PICHASSIS_PORT=1", "sh", Script], BrokerAndController.Patience);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("starting with a letter or digit", result.Error, StringComparison.Ordinal);
    }

    private static (System.Diagnostics.Process Process, Func<string> Output) StartAgent(int port, string halted, params string[] settings) =>
        ProcessRunner.Start("env",
        [
            "PICHASSIS_NODE=node07", "PICHASSIS_BROKER=127.0.0.1", $"PICHASSIS_PORT={port.ToString(CultureInfo.InvariantCulture)}",
            // The test machine has been up for long: announce whatever the uptime.
            "PICHASSIS_INTERVAL=1", "PICHASSIS_ANNOUNCE_FOR=999999999", $"PICHASSIS_HALT_COMMAND=touch {halted}", .. settings, "sh", Script,
        ]);

    /// <summary>
    /// Publishes a command the agent ignores and logs until the log shows it: the agent reads its commands
    /// in order, so by then it has read (and dropped, or obeyed) the retained one. Published again while
    /// unseen, as the agent's listener may subscribe after the first one.
    /// </summary>
    private static async Task<bool> AgentHasReadACommandAsync(int port, Func<string> output)
    {
        const string Marker = """{"id":"marker","action":"none"}""";
        using var limit = new CancellationTokenSource(BrokerAndController.Patience);
        while (!limit.IsCancellationRequested)
        {
            await MosquittoClients.PublishAsync(port, "pichassis/nodes/node07/cmd", Marker);
            for (var i = 0; i < 20; i++)
            {
                if (output().Contains($"ignored command: {Marker}", StringComparison.Ordinal))
                {
                    return true;
                }

                await Task.Delay(50, CancellationToken.None);
            }
        }

        return false;
    }

    private static async Task StopAsync(System.Diagnostics.Process agent)
    {
        agent.Kill(entireProcessTree: true);
        await agent.WaitForExitAsync();
        agent.Dispose();
    }
}
