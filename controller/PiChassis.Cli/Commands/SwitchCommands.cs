using System.CommandLine;
using System.Globalization;
using PiChassis.Cli.Mqtt;
using PiChassis.Cli.Targets;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PiChassis.Cli.Commands;

/// <summary>The commands that act on slots: <c>power</c>, <c>clear-fault</c>, <c>identify</c>, <c>lock</c>, <c>unlock</c>, <c>policy</c>, <c>identity</c>.</summary>
public static class SwitchCommands
{
    private static readonly string[] PowerActions = ["on", "off", "force-off", "cycle", "restart"];

    public static IEnumerable<Command> Build(GlobalOptions options, CliIo io)
    {
        yield return Power(options, io);
        yield return Plain("clear-fault", RequestVerbs.ClearFault, "clear a latched fault", options, io);
        yield return Plain("identify", RequestVerbs.Identify, "blink the slot LED", options, io);
        yield return Plain("lock", RequestVerbs.Lock, "maintenance lock: remote power commands are refused", options, io);
        yield return Plain("unlock", RequestVerbs.Unlock, "lift the maintenance lock", options, io);
        yield return Policy(options, io);
        yield return Identity(options, io);
    }

    private static Command Power(GlobalOptions options, CliIo io)
    {
        var action = new Argument<string>("action") { Description = string.Join(" | ", PowerActions) };
        action.AcceptOnlyFromAmong(PowerActions);
        var targets = TargetsArgument();
        var wait = new Option<string>("--wait") { Description = "answer at once, once the relay switched, or once the node is up (or off)", DefaultValueFactory = _ => "relay" };
        wait.AcceptOnlyFromAmong([.. WireValues.WaitModes]);
        var timeout = new Option<double?>("--timeout") { Description = "seconds to wait (the controller's default: 120)" };
        var command = new Command("power", "switch slots: on, graceful off, force-off, hard cycle, graceful restart") { action, targets, wait, timeout };
        command.SetAction((parse, cancel) =>
        {
            var what = parse.GetValue(action)!;
            var seconds = parse.GetValue(timeout);
            if (seconds is <= 0)
            {
                throw new CliException(ExitCodes.Usage, "--timeout must be more than 0 seconds");
            }

            var verb = what switch { "cycle" => RequestVerbs.Cycle, "restart" => RequestVerbs.Restart, _ => RequestVerbs.Power };
            var fields = new RequestPayload
            {
                State = verb == RequestVerbs.Power ? what.Replace('-', '_') : null,
                Wait = parse.GetValue(wait),
                TimeoutS = seconds,
            };
            var patience = fields.Wait == "none" ? Requester.AnswerPatience : TimeSpan.FromSeconds(seconds ?? 120) + Requester.AnswerPatience;
            return RunAsync(new CommandContext(parse, options, io), verb, parse.GetValue(targets)!, fields, patience, cancel);
        });
        return command;
    }

    private static Command Plain(string name, string verb, string description, GlobalOptions options, CliIo io)
    {
        var targets = TargetsArgument();
        var command = new Command(name, description) { targets };
        command.SetAction((parse, cancel) =>
            RunAsync(new CommandContext(parse, options, io), verb, parse.GetValue(targets)!, new RequestPayload(), Requester.AnswerPatience, cancel));
        return command;
    }

    private static Command Policy(GlobalOptions options, CliIo io)
    {
        var targets = TargetsArgument();
        var policy = new Argument<string>("policy") { Description = string.Join(" | ", WireValues.Policies) };
        policy.AcceptOnlyFromAmong([.. WireValues.Policies, .. WireValues.Policies.Select(p => p.Replace('_', '-'))]);
        var command = new Command("policy", "set the slot policy (persisted)") { targets, policy };
        command.SetAction((parse, cancel) =>
            RunAsync(new CommandContext(parse, options, io), RequestVerbs.Policy, parse.GetValue(targets)!,
                new RequestPayload { Policy = parse.GetValue(policy)!.Replace('-', '_') }, Requester.AnswerPatience, cancel));
        return command;
    }

    /// <summary><c>identity confirm|reject slot:3</c>: an operator's word on the name plug &amp; play learnt for a slot.</summary>
    private static Command Identity(GlobalOptions options, CliIo io)
    {
        var action = new Argument<string>("action") { Description = string.Join(" | ", WireValues.IdentityActions) };
        action.AcceptOnlyFromAmong([.. WireValues.IdentityActions]);
        var targets = TargetsArgument();
        var command = new Command("identity", "confirm or reject the node name learnt for slots (pending names show in status)") { action, targets };
        command.SetAction((parse, cancel) =>
            RunAsync(new CommandContext(parse, options, io), RequestVerbs.Identity, parse.GetValue(targets)!,
                new RequestPayload { Action = parse.GetValue(action) }, Requester.AnswerPatience, cancel));
        return command;
    }

    internal static Argument<string> TargetsArgument() =>
        new("targets") { Description = "a hostlist (node[01-04,07]), slot:3-5, or all" };

    private static async Task<int> RunAsync(CommandContext context, string verb, string targets, RequestPayload fields, TimeSpan patience, CancellationToken cancel)
    {
        var (session, known) = await context.ConnectAsync(cancel);
        await using (session)
        {
            var plan = TargetPlanner.Plan(targets, known, context.ChassisId);
            var replies = await new Requester(session, context.Source).SendAsync(verb, plan, fields, patience, cancel);
            return context.Report(replies, ResultTable);
        }
    }

    private static IRenderable? ResultTable(IReadOnlyList<ChassisReply> replies)
    {
        var rows = replies.SelectMany(r => (r.Response?.Results ?? []).Select(result => (r.Chassis.Id, result))).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("chassis").AddColumn(new TableColumn("slot").RightAligned()).AddColumn("node").AddColumn("result").AddColumn("phase").AddColumn("error");
        foreach (var (chassis, result) in rows)
        {
            table.AddRow(
                Markup.Escape(chassis),
                result.Slot.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(result.Node),
                result.Ok ? "[green]ok[/]" : "[red]failed[/]",
                Markup.Escape(result.Phase ?? "-"),
                Markup.Escape(result.Error is { } e ? $"{e.Code}: {e.Message}" : "-"));
        }

        return table;
    }
}
