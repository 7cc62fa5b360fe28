using System.CommandLine;
using System.Globalization;
using PiChassis.Cli.Mqtt;
using PiChassis.Cli.Targets;
using PiChassis.Shared.Json;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;
using Spectre.Console;
using Spectre.Console.Rendering;
using static PiChassis.Cli.Commands.QueryCommands;

namespace PiChassis.Cli.Commands;

/// <summary>
/// <c>capacity</c>: the energy policy's target now, or scheduled with <c>--at</c> (and <c>--until</c>);
/// <c>--list</c> shows the scheduled entries, <c>--cancel ID</c> cancels one. One chassis at a time,
/// except for <c>--list</c>.
/// </summary>
public static class CapacityCommand
{
    public static Command Build(GlobalOptions options, CliIo io)
    {
        var nodes = new Argument<int?>("nodes") { Description = "how many nodes should run", Arity = ArgumentArity.ZeroOrOne };
        var minSpare = new Option<int?>("--min-spare") { Description = "nodes kept booted beyond the demand" };
        var at = new Option<string?>("--at") { Description = "from this time (RFC 3339, e.g. 2026-12-03T02:00:00Z; without an offset, local time): scheduled capacity" };
        var until = new Option<string?>("--until") { Description = "with --at: until this time (default one hour after --at)" };
        var list = new Option<bool>("--list") { Description = "list the scheduled capacity" };
        var cancelId = new Option<string?>("--cancel") { Description = "cancel the scheduled capacity with this id" };
        var command = new Command("capacity", "let the energy policy switch auto-policy slots to reach this many running nodes, now or scheduled")
        {
            nodes, minSpare, at, until, list, cancelId,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var context = new CommandContext(parse, options, io);
            var fields = Fields(parse.GetValue(nodes), parse.GetValue(minSpare), parse.GetValue(at), parse.GetValue(until), parse.GetValue(list), parse.GetValue(cancelId));
            var (session, known) = await context.ConnectAsync(cancel);
            await using (session)
            {
                var scope = TargetPlanner.InScope(known, context.ChassisId);
                if (scope.Count > 1 && fields.Action != "list")
                {
                    throw new CliException(ExitCodes.Usage, $"capacity is per chassis and there are {scope.Count}; name one with --chassis");
                }

                var requester = new Requester(session, context.Source);
                List<ChassisReply> replies = [];
                foreach (var chassis in scope)
                {
                    replies.Add(await requester.SendOneAsync(RequestVerbs.Capacity, chassis, fields, Requester.AnswerPatience, cancel));
                }

                return context.Report(replies, Lines);
            }
        });
        return command;
    }

    /// <summary>The request's fields, or a usage error (exit 2) before anything is sent.</summary>
    private static RequestPayload Fields(int? nodes, int? minSpare, string? at, string? until, bool list, string? cancelId)
    {
        if ((list ? 1 : 0) + (cancelId is null ? 0 : 1) + (nodes is null ? 0 : 1) != 1)
        {
            throw new CliException(ExitCodes.Usage, "capacity takes a number of nodes, --list or --cancel ID: exactly one");
        }

        if (list || cancelId is not null)
        {
            return minSpare is null && at is null && until is null
                ? new RequestPayload { Action = list ? "list" : "cancel", ScheduleId = cancelId }
                : throw new CliException(ExitCodes.Usage, "--min-spare, --at and --until go with a number of nodes only");
        }

        if (nodes < 0 || minSpare < 0)
        {
            throw new CliException(ExitCodes.Usage, "capacity and --min-spare cannot be negative");
        }

        if (until is not null && at is null)
        {
            throw new CliException(ExitCodes.Usage, "--until goes with --at only");
        }

        return new RequestPayload { Nodes = nodes, MinSpare = minSpare, At = Time("--at", at), Until = Time("--until", until) };
    }

    private static DateTimeOffset? Time(string option, string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time) ? time.ToUniversalTime()
        : throw new CliException(ExitCodes.Usage, $"{option} '{text}' is not a time: use RFC 3339, e.g. 2026-12-03T02:00:00Z (without an offset, local time)");

    /// <summary>Each chassis's target, the entry made or cancelled, and its scheduled entries.</summary>
    private static IRenderable Lines(IReadOnlyList<ChassisReply> replies) =>
        new Rows(replies.Where(r => r.Response?.Capacity is not null).SelectMany(r =>
        {
            var c = r.Response!.Capacity!;
            var held = c.Held is { Count: > 0 } slots ? $", slot {string.Join(',', slots)} held off by protection" : "";
            var head = I($"{r.Chassis.Id}: {c.Nodes} nodes and {c.MinSpare} spare wanted {c.Wanted}; {c.Achievable} can run, {c.Running} running{held}");
            var made = c.ScheduleId is { } id && r.Response.Status != WireValues.StatusError ? [I($"{r.Chassis.Id}: scheduled capacity {id}")] : Array.Empty<string>();
            var entries = (c.Schedules ?? []).Select(s => I(
                $"  {s.ScheduleId}  {s.Nodes,2} nodes  {s.MinSpare} spare  {Text(s.At)} until {Text(s.Until)}  by {(s.Requester.Length > 0 ? s.Requester : "-")} ({s.Source}){(s.Active ? "  active" : "")}"));
            return new[] { head }.Concat(made).Concat(entries).Select(line => (IRenderable)new Text(line));
        }));

    private static string Text(DateTimeOffset at) => UtcMillisecondsConverter.ToText(at);
}
