using System.Text;
using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;
using PiChassis.Tests.Controller.Deploy;
using PiChassis.Tests.Controller.Mqtt.Support;

namespace PiChassis.Tests.Reliability;

/// <summary>
/// The attack suite's target: Mosquitto on the shipped mosquitto.conf and pichassis.acl (nodes added
/// with add-node.sh), and the whole controller in this process as chassis <c>rack1</c>, logged in as
/// <c>chassis-rack1</c>, the controller account of the shipped ACL. The broker starts first, so node
/// agents can be beating before the controller (and its watchdog) starts.
/// </summary>
internal sealed class AttackRig : IAsyncDisposable
{
    public const string Base = "pichassis/rack1";
    public const string ChassisUser = "chassis-rack1";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ExampleMosquitto _broker;
    private HostedController? _controller;
    private int _requests;

    private AttackRig(ExampleMosquitto broker) => _broker = broker;

    public int Port => _broker.Port;

    public HostedController Controller => _controller ?? throw new InvalidOperationException("the controller has not started");

    public static string Password(string user) => $"{user}-pw";

    /// <param name="users">accounts besides the controller's; <c>slurm</c> is always there (it sends the marker requests)</param>
    /// <param name="nodes">nodes of rack1, added with add-node.sh</param>
    /// <param name="handEdit">ACL lines added by hand after add-node.sh</param>
    public static async Task<AttackRig> StartBrokerAsync(string[] users, string[] nodes, string? handEdit = null)
    {
        string[] all = [ChassisUser, "slurm", .. users.Except(["slurm"])];
        return new AttackRig(await ExampleMosquitto.StartAsync(all.ToDictionary(u => u, Password), new Dictionary<string, string[]> { ["rack1"] = nodes }, handEdit));
    }

    public async Task StartControllerAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Chassis:Id"] = "rack1",
            ["Mqtt:Username"] = ChassisUser,
            ["Mqtt:Password"] = Password(ChassisUser),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        _controller = await HostedController.StartAsync(Port, settings: config);
        await using var watcher = await ConnectAsync("slurm", $"{Base}/status");
        if (await watcher.WaitForAsync($"{Base}/status", p => p == "online", Patience) is null)
        {
            throw new InvalidOperationException("the controller did not come online as chassis-rack1");
        }
    }

    /// <summary>Logs in as <paramref name="user"/>, subscribed to its own reply level and <paramref name="filters"/>.</summary>
    public Task<TestMqttClient> ConnectAsync(string user, params string[] filters) =>
        TestMqttClient.ConnectAsAsync(Port, user, Password(user), [$"pichassis/clients/{user}/#", .. filters]);

    /// <summary>Where <paramref name="user"/> asks rack1: its own request level, the only one the shipped ACL lets it write.</summary>
    public static string RequestTopic(string user, string verb) => $"pichassis/requests/{user}/rack1/{verb}";

    public string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _requests)}";

    /// <summary>A request of <paramref name="user"/> answered on its own reply level; the answer, or null when none came.</summary>
    public async Task<JsonObject?> RequestAsync(TestMqttClient client, string user, string verb, string payload)
    {
        ArgumentNullException.ThrowIfNull(client);
        var reply = $"pichassis/clients/{user}/reply";
        var correlation = Encoding.UTF8.GetBytes(NextId("corr"));
        await client.PublishAsync(RequestTopic(user, verb), payload, responseTopic: reply, correlation: correlation);
        var answer = await client.WaitForAsync(m => m.Topic == reply && m.CorrelationData.AsSpan().SequenceEqual(correlation), Patience);
        return answer is null ? null : JsonNode.Parse(TestMqttClient.Text(answer))?.AsObject();
    }

    /// <summary>
    /// The barrier before a "nothing happened" check: a marker request published after the input under
    /// test is answered only once the controller has read that input (the broker keeps the order); an
    /// engine round trip and the journal's write then let what it set off reach the slots and the journal.
    /// </summary>
    public async Task SettleAsync()
    {
        await using var slurm = await ConnectAsync("slurm");
        if (await RequestAsync(slurm, "slurm", "status", $$"""{"id":"{{NextId("marker")}}","targets":"slot:1"}""") is null)
        {
            throw new TimeoutException("the controller did not answer the marker request");
        }

        await Controller.Loop.RunAsync(_ => 0);
        await Controller.Journal.WhenStoredAsync();
    }

    public IReadOnlyList<ChassisEvent> Events() => Controller.Journal.Read(0, int.MaxValue);

    public async ValueTask DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.DisposeAsync();
        }

        await _broker.DisposeAsync();
    }
}
