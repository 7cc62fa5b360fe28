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

/// <summary>The commands that read or steer the chassis as a whole: <c>status</c>, <c>energy</c>, <c>capacity</c>.</summary>
public static class QueryCommands
{
    public static IEnumerable<Command> Build(GlobalOptions options, CliIo io)
    {
        yield return Status(options, io);
        yield return Energy(options, io);
        yield return Capacity(options, io);
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

    private static Command Capacity(GlobalOptions options, CliIo io)
    {
        var nodes = new Argument<int>("nodes") { Description = "how many nodes should run" };
        var minSpare = new Option<int?>("--min-spare") { Description = "nodes kept booted beyond the demand" };
        var command = new Command("capacity", "let the energy policy switch auto-policy slots to reach this many running nodes") { nodes, minSpare };
        command.SetAction(async (parse, cancel) =>
        {
            var context = new CommandContext(parse, options, io);
            if (parse.GetValue(nodes) < 0 || parse.GetValue(minSpare) < 0)
            {
                throw new CliException(ExitCodes.Usage, "capacity and --min-spare cannot be negative");
            }

            var (session, known) = await context.ConnectAsync(cancel);
            await using (session)
            {
                var scope = TargetPlanner.InScope(known, context.ChassisId);
                if (scope.Count > 1)
                {
                    throw new CliException(ExitCodes.Usage, $"capacity is per chassis and there are {scope.Count}; name one with --chassis");
                }

                var fields = new RequestPayload { Nodes = parse.GetValue(nodes), MinSpare = parse.GetValue(minSpare) };
                var reply = await new Requester(session, context.Source).SendOneAsync(RequestVerbs.Capacity, scope[0], fields, Requester.AnswerPatience, cancel);
                return context.Report([reply], CapacityLines);
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

    private static IRenderable CapacityLines(IReadOnlyList<ChassisReply> replies) =>
        new Rows(replies.Where(r => r.Response?.Capacity is not null).Select(r =>
        {
            var c = r.Response!.Capacity!;
            var held = c.Held is { Count: > 0 } slots ? $", slot {string.Join(',', slots)} held off by protection" : "";
            return new Text(string.Create(CultureInfo.InvariantCulture,
                $"{r.Chassis.Id}: {c.Nodes} nodes and {c.MinSpare} spare wanted {c.Wanted}; {c.Achievable} can run, {c.Running} running{held}"));
        }));

    private static string Wh(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";
}
