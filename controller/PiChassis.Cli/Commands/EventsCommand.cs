using System.CommandLine;
using System.Text.Json;
using System.Threading.Channels;
using MQTTnet;
using PiChassis.Cli.Mqtt;
using PiChassis.Cli.Output;
using PiChassis.Cli.Targets;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Commands;

/// <summary>
/// <c>events</c>: the journal since a sequence number (by default the last <c>--last</c> events),
/// and with <c>--follow</c> the live <c>event</c> topic after it, without gaps or repeats.
/// </summary>
public static class EventsCommand
{
    public static Command Build(GlobalOptions options, CliIo io)
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "keep printing events as they happen (Ctrl+C ends)" };
        var sinceSeq = new Option<long?>("--since-seq") { Description = "events after this sequence number" };
        var last = new Option<int>("--last") { Description = "without --since-seq: how many recent events", DefaultValueFactory = _ => 20 };
        var command = new Command("events", "the event journal; --follow for live events") { follow, sinceSeq, last };
        command.SetAction(async (parse, cancel) =>
        {
            var context = new CommandContext(parse, options, io);
            if (parse.GetValue(sinceSeq) < 0 || parse.GetValue(last) is < 1 or > 1000)
            {
                throw new CliException(ExitCodes.Usage, "--since-seq cannot be negative and --last must be 1 to 1000");
            }

            var (session, known) = await context.ConnectAsync(cancel);
            await using (session)
            {
                var scope = TargetPlanner.InScope(known, context.ChassisId);
                var live = Channel.CreateUnbounded<(string Chassis, EventPayload Event)>();
                if (parse.GetValue(follow))
                {
                    session.Received += m => Forward(m, live.Writer);
                    await session.SubscribeAsync(scope.Select(c => c.Topics.Event), cancel);
                }

                var requester = new Requester(session, context.Source);
                var replies = await Task.WhenAll(scope.Select(c => FetchAsync(requester, c, parse.GetValue(sinceSeq), parse.GetValue(last), cancel)));
                var exitCode = Print(context, replies, parse.GetValue(follow));
                return parse.GetValue(follow) && exitCode == ExitCodes.Ok ? await FollowAsync(context, replies, live.Reader, cancel) : exitCode;
            }
        });
        return command;
    }

    private static async Task<ChassisReply> FetchAsync(Requester requester, KnownChassis chassis, long? sinceSeq, int last, CancellationToken cancel)
    {
        if (sinceSeq is null)
        {
            var probe = await requester.SendOneAsync(RequestVerbs.Events, chassis, new RequestPayload { SinceSeq = long.MaxValue / 2, Limit = 1 }, Requester.AnswerPatience, cancel);
            if (probe.Response?.LastSeq is not { } lastSeq)
            {
                return probe;
            }

            sinceSeq = Math.Max(0, lastSeq - last);
        }

        return await requester.SendOneAsync(RequestVerbs.Events, chassis, new RequestPayload { SinceSeq = sinceSeq, Limit = 1000 }, Requester.AnswerPatience, cancel);
    }

    private static int Print(CommandContext context, IReadOnlyList<ChassisReply> replies, bool follow)
    {
        if (context.Json && !follow)
        {
            return context.Report(replies, _ => null);
        }

        foreach (var reply in replies)
        {
            foreach (var e in reply.Response?.Events ?? [])
            {
                context.Io.Out.WriteLine(context.Json ? EventLine.Json(reply.Chassis.Id, e) : EventLine.Text(reply.Chassis.Id, e));
            }
        }

        return context.Report(replies, _ => null);
    }

    private static async Task<int> FollowAsync(CommandContext context, IReadOnlyList<ChassisReply> replies, ChannelReader<(string Chassis, EventPayload Event)> live, CancellationToken cancel)
    {
        var printed = replies.ToDictionary(r => r.Chassis.Id, r => r.Response?.LastSeq ?? 0, StringComparer.Ordinal);
        try
        {
            await foreach (var (chassis, e) in live.ReadAllAsync(cancel))
            {
                if (e.Seq > printed.GetValueOrDefault(chassis))
                {
                    printed[chassis] = e.Seq;
                    await context.Io.Out.WriteLineAsync(context.Json ? EventLine.Json(chassis, e) : EventLine.Text(chassis, e));
                    await context.Io.Out.FlushAsync(cancel);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: following ends normally.
        }

        return ExitCodes.Ok;
    }

    private static void Forward(MqttApplicationMessage message, ChannelWriter<(string, EventPayload)> live)
    {
        if (!ChassisDirectory.TryChassisLevel(message.Topic, "event", out var chassis))
        {
            return;
        }

        try
        {
            if (JsonSerializer.Deserialize(message.ConvertPayloadToString(), PiChassisJson.Wire.EventPayload) is { } e)
            {
                live.TryWrite((chassis, e));
            }
        }
        catch (JsonException)
        {
            // Not an event of the MQTT API (docs/mqtt-api.md); nothing to show.
        }
    }
}
