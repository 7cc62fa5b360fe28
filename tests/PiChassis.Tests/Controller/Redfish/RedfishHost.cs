using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Redfish;
using PiChassis.TestHost;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>
/// An in-process simulated controller with Redfish on a free loopback port: the development admin,
/// plus an Operator and a ReadOnly account, no minimum off-time (so a cycle is quick), and the
/// simulator's relay write log, which says what really switched.
/// </summary>
internal sealed class RedfishHost : IAsyncDisposable
{
    public const string Admin = RedfishAccounts.DevelopmentUser;
    public const string AdminPassword = RedfishAccounts.DevelopmentPassword;
    public const string Operator = "operator";
    public const string ReadOnly = "viewer";
    public const string Password = "s3cret-pass";

    /// <summary><see cref="Password"/>'s hash at the smallest cost the configuration accepts: the tests hash at start, and the cost is not what they check.</summary>
    public static readonly string Hash = PasswordHash.Create(Password, 10_000).ToString();

    private readonly List<HttpClient> _clients = [];

    private RedfishHost(HostedController controller)
    {
        Controller = controller;
        BaseUri = controller.RedfishBaseUri ?? throw new InvalidOperationException("Redfish did not start");
    }

    public HostedController Controller { get; }

    public Uri BaseUri { get; }

    public string RelayLogPath => Path.Combine(Controller.DataDir, "relay-writes.log");

    public static async Task<RedfishHost> StartAsync(IDictionary<string, string?>? settings = null, Action<HostApplicationBuilder>? configure = null)
    {
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Redfish:Enabled"] = "true",
            ["Redfish:Port"] = "0",
            ["Redfish:LockoutAttempts"] = "3",
            ["Redfish:Accounts:0:UserName"] = Operator,
            ["Redfish:Accounts:0:Role"] = "Operator",
            ["Redfish:Accounts:0:PasswordHash"] = Hash,
            ["Redfish:Accounts:1:UserName"] = ReadOnly,
            ["Redfish:Accounts:1:Role"] = "ReadOnly",
            ["Redfish:Accounts:1:PasswordHash"] = Hash,
            ["Power:MinOffTime"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        return new RedfishHost(await HostedController.StartAsync(config, configure));
    }

    /// <summary>A client signed in with Basic auth (no credentials: anonymous).</summary>
    public HttpClient Client(string? user = Admin, string? password = AdminPassword)
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>The relay levels the simulator logged for <paramref name="slot"/> since start: <c>high</c> (closed, powered) or <c>low</c>.</summary>
    public string[] RelayWrites(int slot) => File.Exists(RelayLogPath)
        ? [.. File.ReadAllLines(RelayLogPath).Select(l => l.Split(' ')).Where(p => p[2] == slot.ToString(CultureInfo.InvariantCulture)).Select(p => p[^1])]
        : [];

    public Task<SlotState> StateAsync(int slot) => Controller.StateAsync(slot);

    public Task<CommandResult> CommandAsync(int slot, SlotAction action) =>
        Controller.Loop.ExecuteAsync(new SlotCommand(slot, action, CommandOrigin.Remote, "test"));

    /// <summary>Polls until <paramref name="done"/> holds; false after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForRelayAsync(int slot, string[] writes, TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => RelayWrites(slot).SequenceEqual(writes), timeout ?? TimeSpan.FromSeconds(30));

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>The Base registry id of an error response, e.g. <c>Base.1.18.0.ResourceNotFound</c>.</summary>
    public static async Task<string> MessageIdAsync(HttpResponseMessage response) =>
        (await JsonAsync(response))["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>();

    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Controller.DisposeAsync();
    }
}
