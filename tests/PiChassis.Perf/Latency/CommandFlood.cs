using System.Globalization;
using System.Text;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Perf.Latency;

/// <summary>
/// Keeps <see cref="InFlight"/> contract requests outstanding on the controller, each sent the
/// moment the previous one is answered, on slots other than the one under test, with fresh ids:
/// <c>status</c> of the whole chassis and of single slots, <c>identify</c>, switching commands
/// (<c>power</c> on and force_off, waiting for the relay) and <c>events</c> reads of 1000 rows. It
/// counts answers, and how many were refused as <c>rate_limited</c> or <c>unavailable</c>.
/// </summary>
public sealed class CommandFlood : IAsyncDisposable
{
    public const int InFlight = 32;

    private static readonly byte[] RateLimited = Encoding.UTF8.GetBytes("\"rate_limited\"");
    private static readonly byte[] Unavailable = Encoding.UTF8.GetBytes("\"unavailable\"");

    private readonly RequestClient _client;
    private readonly Topics _topics = new(BenchController.ChassisId);
    private readonly int[] _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private long _sent;
    private long _answered;
    private long _limited;
    private long _unavailable;
    private long _switched;
    private long _startedAt;

    private CommandFlood(RequestClient client, int[] slots)
    {
        _client = client;
        _slots = slots;
    }

    public long Answered => Interlocked.Read(ref _answered);

    public long RateLimitedAnswers => Interlocked.Read(ref _limited);

    public long UnavailableAnswers => Interlocked.Read(ref _unavailable);

    /// <summary>Switching commands answered (whatever the answer).</summary>
    public long SwitchingAnswers => Interlocked.Read(ref _switched);

    /// <summary>Answers per second since the start.</summary>
    public double Rate => Answered / TimeProvider.System.GetElapsedTime(_startedAt).TotalSeconds;

    /// <summary>Starts flooding the controller on <paramref name="port"/>, touching only <paramref name="slots"/>.</summary>
    public static async Task<CommandFlood> StartAsync(int port, IEnumerable<int> slots)
    {
        var flood = new CommandFlood(await RequestClient.ConnectAsync(port, "bench-flood"), [.. slots]);
        flood._startedAt = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < InFlight; i++)
        {
            flood._workers.Add(Task.Run(flood.WorkAsync));
        }

        return flood;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        await _client.DisposeAsync();
        _stop.Dispose();
    }

    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _sent);
            var slot = _slots[(int)(n / 5 % _slots.Length)];
            var (verb, fields) = (n % 5) switch
            {
                0 => (RequestVerbs.Status, "\"targets\":\"all\""),
                1 => (RequestVerbs.Identify, $"\"targets\":\"slot:{slot}\""),
                2 => (RequestVerbs.Power, $"\"targets\":\"slot:{slot}\",\"state\":\"{(n / 5 % 2 == 0 ? "on" : "force_off")}\",\"wait\":\"relay\""),
                3 => (RequestVerbs.Events, "\"since_seq\":0,\"limit\":1000"),
                _ => (RequestVerbs.Status, $"\"targets\":\"slot:{slot}\""),
            };
            var payload = string.Create(CultureInfo.InvariantCulture, $$"""{"id":"flood-{{n}}",{{fields}},"source":"bench"}""");
            try
            {
                var reply = await _client.RequestAsync(_topics.Request(verb), payload, _stop.Token);
                Interlocked.Increment(ref _answered);
                if (reply.Payload.AsSpan().IndexOf(RateLimited) >= 0)
                {
                    Interlocked.Increment(ref _limited);
                }

                if (reply.Payload.AsSpan().IndexOf(Unavailable) >= 0)
                {
                    Interlocked.Increment(ref _unavailable);
                }

                if (verb == RequestVerbs.Power)
                {
                    Interlocked.Increment(ref _switched);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // MQTTnet reports a cancelled publish as a timeout: either way the flood is over.
                return;
            }
        }
    }
}
