using System.Globalization;
using System.Text;
using PiChassis.Shared.Mqtt;

namespace PiChassis.Perf.Latency;

/// <summary>
/// Keeps <see cref="InFlight"/> contract requests outstanding on the controller, each sent the
/// moment the previous one is answered: <c>status</c> of the whole chassis, <c>identify</c> and
/// <c>status</c> of single slots other than the one under test, with fresh ids. It counts answers
/// and how many were refused as <c>rate_limited</c>.
/// </summary>
public sealed class CommandFlood : IAsyncDisposable
{
    public const int InFlight = 32;

    private static readonly byte[] RateLimited = Encoding.UTF8.GetBytes("\"rate_limited\"");

    private readonly RequestClient _client;
    private readonly Topics _topics = new(BenchController.ChassisId);
    private readonly int[] _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private long _sent;
    private long _answered;
    private long _limited;
    private long _startedAt;

    private CommandFlood(RequestClient client, int[] slots)
    {
        _client = client;
        _slots = slots;
    }

    public long Answered => Interlocked.Read(ref _answered);

    public long RateLimitedAnswers => Interlocked.Read(ref _limited);

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
            var slot = _slots[(int)(n / 3 % _slots.Length)];
            var (verb, targets) = (n % 3) switch
            {
                0 => (RequestVerbs.Status, "all"),
                1 => (RequestVerbs.Identify, $"slot:{slot}"),
                _ => (RequestVerbs.Status, $"slot:{slot}"),
            };
            var payload = string.Create(CultureInfo.InvariantCulture, $$"""{"id":"flood-{{n}}","targets":"{{targets}}","source":"bench"}""");
            try
            {
                var reply = await _client.RequestAsync(_topics.Request(verb), payload, _stop.Token);
                Interlocked.Increment(ref _answered);
                if (reply.Payload.AsSpan().IndexOf(RateLimited) >= 0)
                {
                    Interlocked.Increment(ref _limited);
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
