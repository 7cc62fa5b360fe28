using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Mqtt;
using PiChassis.Tests.Controller.Mqtt.Support;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Mqtt.Integration;

/// <summary>
/// The embedded broker against the attacks of an audit: a huge publish, anonymous clients, a
/// scheduler writing slot states or reading others' replies, plaintext on the TLS port, and a
/// network address without accounts.
/// </summary>
public sealed class EmbeddedBrokerSecurityTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private string _dir = null!;
    private string _accounts = null!;

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("pichassis-broker-").FullName;
        _accounts = Path.Combine(_dir, "accounts");
        foreach (var (user, password) in new[] { ("slurm", "slurm-pw"), ("dashboard", "dash-pw"), ("chassis-sim", "chassis-pw") })
        {
            var made = await ProcessRunner.RunAsync("mosquitto_passwd", [.. File.Exists(_accounts) ? Array.Empty<string>() : ["-c"], "-b", _accounts, user, password], TimeSpan.FromSeconds(10));
            Assert.True(made.ExitCode == 0, made.Error);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_accounts, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Publish_AboveTheSizeLimit_NotDeliveredAndSenderDisconnected()
    {
        var port = FreePort.Next();
        using var broker = await StandaloneEmbeddedBroker.StartAsync(port);
        await using var observer = await TestMqttClient.ConnectAsync(port, null, "test/big", "test/marker");
        using var sender = new MqttClientFactory().CreateMqttClient();
        var disconnected = new TaskCompletionSource<MqttClientDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.DisconnectedAsync += e =>
        {
            disconnected.TrySetResult(e.Reason);
            return Task.CompletedTask;
        };
        await sender.ConnectAsync(Options(port).Build());

        _ = sender.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("test/big").WithPayload(new byte[1_500_000])
            .WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var reason = await disconnected.Task.WaitAsync(Patience);
        await observer.PublishAsync("test/marker", "after");
        var marker = await observer.WaitForAsync("test/marker", _ => true, Patience);

        Assert.Equal(MqttClientDisconnectReason.PacketTooLarge, reason);
        Assert.NotNull(marker);
        Assert.Empty(observer.Messages("test/big"));
    }

    [Fact]
    public async Task Connect_WithAccounts_NoOrWrongCredentialsRefused()
    {
        var port = FreePort.Next();
        using var broker = await StartWithAccountsAsync(port);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectResultAsync(Options(port)));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectResultAsync(Options(port).WithCredentials("slurm", "wrong")));
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectResultAsync(Options(port).WithCredentials("slurm", "slurm-pw")));
    }

    [Fact]
    public async Task Slurm_PublishOnASlotState_RefusedAndNotDelivered()
    {
        var port = FreePort.Next();
        using var broker = await StartWithAccountsAsync(port);
        using var dashboard = await ConnectAsync(port, "dashboard", "dash-pw");
        var seen = await WatchSlotStatesAsync(dashboard);
        using var slurm = await ConnectAsync(port, "slurm", "slurm-pw");
        using var chassis = await ConnectAsync(port, "chassis-sim", "chassis-pw");

        var forged = await slurm.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pichassis/sim/slot/1/state").WithPayload("{}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        // The broker queues a message for its subscribers before it acknowledges it: the controller's
        // marker, sent after the refusal came back, reaches the dashboard after anything slurm's got through.
        var marker = await chassis.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pichassis/sim/slot/2/state").WithPayload("{}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await WaitUntilAsync(() => seen.Contains("pichassis/sim/slot/2/state"), seen);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, marker.ReasonCode);
        lock (seen)
        {
            Assert.DoesNotContain("pichassis/sim/slot/1/state", seen);
        }
    }

    [Fact]
    public async Task Slurm_ClientIdTheControllerIsConnectedWith_RefusedAndTheControllerKeepsItsRights()
    {
        var port = FreePort.Next();
        using var broker = await StartWithAccountsAsync(port);
        using var chassis = new MqttClientFactory().CreateMqttClient();
        await chassis.ConnectAsync(Options(port).WithClientId("pichassis-sim").WithCredentials("chassis-sim", "chassis-pw").Build());

        var hijack = await ConnectResultAsync(Options(port).WithClientId("pichassis-sim").WithCredentials("slurm", "slurm-pw"));
        var state = await chassis.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pichassis/sim/slot/1/state").WithPayload("{}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        // Allowed (no one subscribed), not NotAuthorized.
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, hijack);
        Assert.True(chassis.IsConnected);
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, state.ReasonCode);
    }

    [Fact]
    public async Task Controller_ReconnectsOverItsOwnSession_KeepsItsRights()
    {
        var port = FreePort.Next();
        using var broker = await StartWithAccountsAsync(port);
        var login = Options(port).WithClientId("pichassis-sim").WithCredentials("chassis-sim", "chassis-pw").Build();
        using var old = new MqttClientFactory().CreateMqttClient();
        await old.ConnectAsync(login);

        // A half-open connection the controller gave up on: its new one takes the session over.
        using var renewed = new MqttClientFactory().CreateMqttClient();
        await renewed.ConnectAsync(login);
        await WaitUntilAsync(() => !old.IsConnected, old);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var state = await renewed.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pichassis/sim/slot/1/state").WithPayload("{}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        // Allowed (no one subscribed), not NotAuthorized.
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, state.ReasonCode);
    }

    [Fact]
    public async Task Slurm_WillOnASlotState_NotDelivered()
    {
        var port = FreePort.Next();
        using var broker = await StartWithAccountsAsync(port);
        using var dashboard = await ConnectAsync(port, "dashboard", "dash-pw");
        var seen = await WatchSlotStatesAsync(dashboard);
        var willing = new MqttClientFactory().CreateMqttClient();
        await willing.ConnectAsync(Options(port).WithCredentials("slurm", "slurm-pw")
            .WithWillTopic("pichassis/sim/slot/1/state").WithWillPayload("{}").WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        // Gone without a DISCONNECT: the broker sends the will.
        willing.Dispose();
        using var chassis = await ConnectAsync(port, "chassis-sim", "chassis-pw");
        await chassis.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pichassis/sim/slot/2/state").WithPayload("{}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await WaitUntilAsync(() => seen.Contains("pichassis/sim/slot/2/state"), seen);

        lock (seen)
        {
            Assert.DoesNotContain("pichassis/sim/slot/1/state", seen);
        }
    }

    [Theory]
    [InlineData("pichassis/clients/dashboard/x", true)]
    [InlineData("pichassis/clients/slurm/x", false)]
    public async Task Slurm_RequestNamingAnotherClientsReplyLevel_Refused(string responseTopic, bool refused)
    {
        var port = FreePort.Next();
        using var broker = await StartWithAccountsAsync(port);
        using var slurm = await ConnectAsync(port, "slurm", "slurm-pw");

        var result = await slurm.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pichassis/requests/slurm/sim/status")
            .WithPayload("{\"id\":\"1\"}").WithResponseTopic(responseTopic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        // Accepted, the standalone broker answers NoMatchingSubscribers: no controller listens here.
        Assert.Equal(refused, result.ReasonCode == MqttClientPublishReasonCode.NotAuthorized);
    }

    [Theory]
    [InlineData("pichassis/clients/dashboard/#")]
    [InlineData("pichassis/clients/+/#")]
    [InlineData("pichassis/#")]
    [InlineData("#")]
    public async Task Slurm_SubscribeToAnotherClientsReplies_Refused(string filter)
    {
        var port = FreePort.Next();
        using var broker = await StartWithAccountsAsync(port);
        using var slurm = await ConnectAsync(port, "slurm", "slurm-pw");

        var result = await slurm.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        var own = await slurm.SubscribeAsync("pichassis/clients/slurm/#", MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, own.Items.Single().ResultCode);
    }

    [Fact]
    public async Task Tls_ClientTrustingTheCa_Connects_PlaintextOnTheTlsPortDoesNot()
    {
        var port = FreePort.Next();
        var tlsPort = FreePort.Next();
        var tls = await TlsFiles.CreateAsync(_dir);
        using var broker = await StandaloneEmbeddedBroker.StartAsync(port, o =>
        {
            o.EmbeddedCertFile = tls.CertFile;
            o.EmbeddedKeyFile = tls.KeyFile;
            o.EmbeddedTlsPort = tlsPort;
        });
        var client = new MqttOptions { CaFile = tls.CaFile };

        var trusting = await ConnectResultAsync(MqttClientOptionsFactory.Create(client, new BrokerEndpoint("localhost", tlsPort, false), "tls-test", will: null));
        var plain = await Record.ExceptionAsync(() => ConnectResultAsync(Options(tlsPort).WithTimeout(TimeSpan.FromSeconds(3)).Build()));

        Assert.Equal(MqttClientConnectResultCode.Success, trusting);
        Assert.NotNull(plain);
    }

    [Fact]
    public async Task Controller_WithAccounts_ComesOnlineAndAnswersSlurmUnderItsClientLevel()
    {
        var port = FreePort.Next();
        await using var controller = await HostedController.StartAsync(port, host: null, new Dictionary<string, string?> { ["Mqtt:EmbeddedAccountsFile"] = _accounts });
        using var slurm = await ConnectAsync(port, "slurm", "slurm-pw");
        var replies = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slurm.ApplicationMessageReceivedAsync += e =>
        {
            var text = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            if (e.ApplicationMessage.Topic == "pichassis/sim/status" && text == "online")
            {
                online.TrySetResult();
            }
            else if (e.ApplicationMessage.Topic == "pichassis/clients/slurm/r1")
            {
                replies.TrySetResult(text);
            }

            return Task.CompletedTask;
        };
        await slurm.SubscribeAsync("pichassis/sim/status", MqttQualityOfServiceLevel.AtLeastOnce);
        await slurm.SubscribeAsync("pichassis/clients/slurm/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await online.Task.WaitAsync(Patience);

        await slurm.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("pichassis/requests/slurm/sim/status").WithPayload("""{"id":"s1","targets":"slot:1"}""")
            .WithResponseTopic("pichassis/clients/slurm/r1").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Contains("\"status\":\"ok\"", await replies.Task.WaitAsync(Patience), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public async Task Start_NetworkAddressWithoutAccounts_ExitCode2NamingTheSetting(string address)
    {
        using var controller = ControllerProcess.Start("--simulate", "--data-dir", _dir, "--mqtt-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"--Mqtt:EmbeddedAddress={address}", "--ConsoleView:Enabled=false");

        var exit = await controller.WaitForExitAsync(Patience);

        Assert.Equal(2, exit);
        Assert.Contains("Mqtt:EmbeddedAddress", controller.Output, StringComparison.Ordinal);
        Assert.Contains("Mqtt:EmbeddedAccountsFile", controller.Output, StringComparison.Ordinal);
    }

    private Task<EmbeddedBroker> StartWithAccountsAsync(int port) => StandaloneEmbeddedBroker.StartAsync(port, o => o.EmbeddedAccountsFile = _accounts);

    private static MqttClientOptionsBuilder Options(int port) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId($"sec-{Guid.NewGuid():N}");

    private static async Task<IMqttClient> ConnectAsync(int port, string user, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options(port).WithCredentials(user, password).Build());
        return client;
    }

    private static Task<MqttClientConnectResultCode> ConnectResultAsync(MqttClientOptionsBuilder options) => ConnectResultAsync(options.Build());

    private static async Task<MqttClientConnectResultCode> ConnectResultAsync(MqttClientOptions options)
    {
        // A refused login comes back as a result code; MQTTnet does not throw for it.
        using var client = new MqttClientFactory().CreateMqttClient();
        return (await client.ConnectAsync(options)).ResultCode;
    }

    /// <summary>Subscribes <paramref name="client"/> to every slot state; the topics it receives, in order (lock the list to read it).</summary>
    private static async Task<List<string>> WatchSlotStatesAsync(IMqttClient client)
    {
        var seen = new List<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (seen)
            {
                seen.Add(e.ApplicationMessage.Topic);
            }

            return Task.CompletedTask;
        };
        await client.SubscribeAsync("pichassis/+/slot/+/state", MqttQualityOfServiceLevel.AtLeastOnce);
        return seen;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, object gate)
    {
        using var limit = new CancellationTokenSource(Patience);
        while (true)
        {
            lock (gate)
            {
                if (condition())
                {
                    return;
                }
            }

            await Task.Delay(20, limit.Token);
        }
    }
}
