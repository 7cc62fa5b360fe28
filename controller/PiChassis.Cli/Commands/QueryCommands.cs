using System.CommandLine;
using System.Globalization;
using PiChassis.Cli.Mqtt;
using PiChassis.Cli.Output;
using PiChassis.Cli.Targets;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PiChassis.Cli.Commands;

/// <summary>The commands that read or steer the chassis as a whole: <c>status</c>, <c>energy</c>, <c>capacity</c>, <c>profile</c>.</summary>
public static class QueryCommands
{
    public static IEnumerable<Command> Build(GlobalOptions options, CliIo io)
    {
        yield return Status(options, io);
        yield return Energy(options, io);
        yield return CapacityCommand.Build(options, io);
        yield return Profile(options, io);
    }

    private static Command Status(GlobalOptions options, CliIo io)
    {
        var targets = OptionalTargets();
        var command = new Command("status", "slot, node, phase, power and energy of the targets") { targets };
        command.SetAction((parse, cancel) => RunAsync(new CommandContext(parse, options, io), RequestVerbs.Status,
            parse.GetValue(targets)!, new RequestPayload(), StatusRows, cancel));
        return command;
    }

    private static Command Energy(GlobalOptions options, CliIo io)
    {
        var targets = OptionalTargets();
        var period = new Option<string>("--period") { Description = "today | yesterday | total", DefaultValueFactory = _ => "today" };
        period.AcceptOnlyFromAmong([.. WireValues.EnergyPeriods]);
        var command = new Command("energy", "watt-hours per slot and per chassis") { targets, period };
        command.SetAction((parse, cancel) => RunAsync(new CommandContext(parse, options, io), RequestVerbs.Energy,
            parse.GetValue(targets)!, new RequestPayload { Period = parse.GetValue(period) }, EnergyRows, cancel));
        return command;
    }

    private static Command Profile(GlobalOptions options, CliIo io)
    {
        var minutes = new Option<int?>("--minutes") { Description = "how many minutes ahead to forecast (1 to 1440, default 60)" };
        var command = new Command("profile", "the demand the energy policy learned and expects next, with its confidence") { minutes };
        command.SetAction(async (parse, cancel) =>
        {
            var context = new CommandContext(parse, options, io);
            if (parse.GetValue(minutes) is < 1 or > 1440)
            {
                throw new CliException(ExitCodes.Usage, "--minutes must be 1 to 1440");
            }

            var (session, known) = await context.ConnectAsync(cancel);
            await using (session)
            {
                var requester = new Requester(session, context.Source);
                var fields = new RequestPayload { Minutes = parse.GetValue(minutes) };
                List<ChassisReply> replies = [];
                foreach (var chassis in TargetPlanner.InScope(known, context.ChassisId))
                {
                    replies.Add(await requester.SendOneAsync(RequestVerbs.Profile, chassis, fields, Requester.AnswerPatience, cancel));
                }

                return context.Report(replies, ProfileLines);
            }
        });
        return command;
    }

    private static Argument<string> OptionalTargets() =>
        new("targets") { Description = "a hostlist (node[01-04,07]), slot:3-5, or all (the default)", DefaultValueFactory = _ => "all" };

    private static async Task<int> RunAsync(CommandContext context, string verb, string targets, RequestPayload fields,
        Func<IReadOnlyList<ChassisReply>, IRenderable?> render, CancellationToken cancel)
    {
        var (session, known) = await context.ConnectAsync(cancel);
        await using (session)
        {
            var plan = TargetPlanner.Plan(targets, known, context.ChassisId);
            var replies = await new Requester(session, context.Source).SendAsync(verb, plan, fields, Requester.AnswerPatience, cancel);
            return context.Report(replies, render);
        }
    }

    private static IRenderable StatusRows(IReadOnlyList<ChassisReply> replies) =>
        StatusTable.Build(replies.SelectMany(r => (r.Response?.Results ?? [])
            .Where(t => t.State is not null)
            .Select(t => SlotRow.From(r.Chassis.Id, t.State!, t.Telemetry))));

    private static IRenderable EnergyRows(IReadOnlyList<ChassisReply> replies)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("chassis").AddColumn(new TableColumn("slot").RightAligned()).AddColumn("node").AddColumn(new TableColumn("Wh").RightAligned());
        foreach (var reply in replies.Where(r => r.Response is not null))
        {
            foreach (var result in reply.Response!.Results ?? [])
            {
                table.AddRow(Markup.Escape(reply.Chassis.Id), result.Slot.ToString(CultureInfo.InvariantCulture), Markup.Escape(result.Node), Wh(result.EnergyWh));
            }

            table.AddRow(Markup.Escape(reply.Chassis.Id), "", "[bold]chassis[/]", $"[bold]{Wh(reply.Response.ChassisEnergyWh)}[/]");
        }

        return table;
    }

    /// <summary>Each chassis's forecast, minutes that forecast the same run together (02:00-02:59 16 nodes ...).</summary>
    private static IRenderable ProfileLines(IReadOnlyList<ChassisReply> replies) =>
        new Rows(replies.Where(r => r.Response?.Profile is not null).SelectMany(r =>
        {
            var p = r.Response!.Profile!;
            var head = p.Learning
                ? I($"{r.Chassis.Id}: learning, {p.MinutesKept} minutes kept; acts on a forecast from confidence {p.MinConfidence:0.00}")
                : I($"{r.Chassis.Id}: not learning (Policy:Learn is off)");
            var runs = p.Forecast.Aggregate(new List<(ForecastPayload First, ForecastPayload Last)>(), (list, f) =>
            {
                if (list.Count > 0 && list[^1].Last is var last && last.Nodes == f.Nodes && last.Days == f.Days && Math.Abs(last.Confidence - f.Confidence) < 0.005)
                {
                    list[^1] = (list[^1].First, f);
                }
                else
                {
                    list.Add((f, f));
                }

                return list;
            });
            return runs.Select(run => (IRenderable)new Text(I(
                $"  {run.First.At.ToLocalTime():HH:mm}-{run.Last.At.ToLocalTime():HH:mm}  {run.First.Nodes,2} nodes  confidence {run.First.Confidence:0.00} from {run.First.Days} days{(run.First.Confidence >= p.MinConfidence ? "  (acted on)" : "")}")))
                .Prepend(new Text(head));
        }));

    internal static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Wh(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";
}
