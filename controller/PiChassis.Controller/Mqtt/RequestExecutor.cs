using Microsoft.Extensions.Options;
using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;
using PiChassis.Controller.Sampling;
using PiChassis.Shared.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// Carries out checked requests on the engine loop and builds their responses. Switching verbs
/// run every target in one loop step (admission sees them together), then wait as asked.
/// </summary>
public sealed class RequestExecutor(
    PowerEngineLoop loop,
    SlotWaiter waiter,
    ChassisEvents events,
    SnapshotHub hub,
    CapacityPolicyService capacity,
    CapacityPolicy policy,
    NodeIdentity identity,
    TimeProvider time)
{
    private static readonly TimeSpan EventsStoreWait = TimeSpan.FromSeconds(1);

    public Task<ResponsePayload> ExecuteAsync(ParsedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Verb switch
        {
            RequestVerbs.Capacity => CapacityAsync(request),
            RequestVerbs.Events => EventsAsync(request),
            RequestVerbs.Status => loop.RunAsync(engine => Status(engine, request)),
            RequestVerbs.Energy => loop.RunAsync(engine => Energy(engine, request)),
            RequestVerbs.Identity => loop.RunAsync(engine => Identity(engine, request)),
            RequestVerbs.Profile => loop.RunAsync(_ => Profile(request)),
            _ => SwitchAsync(request),
        };
    }

    public ResponsePayload Error(string id, string code, string message) =>
        new(id, time.GetUtcNow(), WireValues.StatusError, Error: new ErrorPayload(code, message));

    private async Task<ResponsePayload> SwitchAsync(ParsedRequest request)
    {
        if (loop.StoreBehind)
        {
            return Error(request.Id, ErrorCodes.Unavailable, "the store is behind: commands are refused until it catches up (protection goes on)");
        }

        var deadline = time.GetTimestamp();
        var started = await loop.RunAsync(engine => Start(engine, request));
        if (started.Error is { } error)
        {
            return new ResponsePayload(request.Id, time.GetUtcNow(), WireValues.StatusError, Error: error);
        }

        var results = new List<TargetResult>();
        foreach (var target in started.Targets)
        {
            results.Add(await FinishAsync(target, deadline, request.Timeout ?? RequestParser.DefaultTimeout));
        }

        return Summarise(request.Id, results);
    }

    /// <summary>On the loop: executes the command on each target and registers its wait in the same step.</summary>
    private Started Start(PowerEngine engine, ParsedRequest request)
    {
        var targets = TargetResolver.Resolve(request.Targets, engine.States, out var error);
        if (error is not null)
        {
            return new Started([], error);
        }

        var action = request.Action!.Value;
        var condition = WaitConditions.For(action, request.Wait);
        var started = new List<StartedTarget>();
        foreach (var target in targets)
        {
            var result = engine.Execute(new SlotCommand(target.Slot, action, CommandOrigin.Remote, request.Source, request.Policy));
            if (result.Ok && request.LeaseUntil is { } until)
            {
                policy.SetLease(target.Slot, until, request.Source);
            }

            var wait = result.Ok && condition is not null ? waiter.Register(StateOf(engine, target.Slot), condition) : null;
            started.Add(new StartedTarget(target, result, wait));
        }

        return new Started(started, null);
    }

    private async Task<TargetResult> FinishAsync(StartedTarget target, long start, TimeSpan timeout)
    {
        var (slot, result, wait) = target;
        if (!result.Ok)
        {
            return new TargetResult(slot.Slot, slot.Node, false, PowerEngine.Wire(result.Phase),
                new ErrorPayload(result.ErrorCode ?? ErrorCodes.HardwareError, result.Message ?? "refused"));
        }

        if (wait is null)
        {
            return new TargetResult(slot.Slot, slot.Node, true, PowerEngine.Wire(result.Phase));
        }

        var remaining = timeout - time.GetElapsedTime(start);
        if (!wait.IsCompleted && remaining > TimeSpan.Zero)
        {
            using var cancel = new CancellationTokenSource();
            await Task.WhenAny(wait, Task.Delay(remaining, time, cancel.Token));
            await cancel.CancelAsync();
        }

        if (!wait.IsCompleted)
        {
            var now = await loop.RunAsync(engine =>
            {
                waiter.Cancel(wait);
                return StateOf(engine, slot.Slot);
            });
            return new TargetResult(slot.Slot, now.Node, false, PowerEngine.Wire(now.Phase),
                new ErrorPayload(ErrorCodes.Timeout, $"still {PowerEngine.Wire(now.Phase)} after {timeout.TotalSeconds:0.#} s; the command goes on"));
        }

        var outcome = await wait;
        return outcome.Ok
            ? new TargetResult(slot.Slot, outcome.State.Node, true, PowerEngine.Wire(outcome.State.Phase))
            : new TargetResult(slot.Slot, outcome.State.Node, false, PowerEngine.Wire(outcome.State.Phase),
                new ErrorPayload(outcome.ErrorCode!, outcome.Message ?? ""));
    }

    /// <summary>
    /// A live target the chassis cannot reach is taken as far as it goes and answered <c>partial</c>,
    /// saying how far; a scheduled one is refused as a whole (<c>budget_exceeded</c>, with the capacity
    /// saying how far it could go). Answers about scheduled capacity list every entry.
    /// </summary>
    private async Task<ResponsePayload> CapacityAsync(ParsedRequest request)
    {
        var result = request switch
        {
            { CapacityAction: "list" } => await capacity.ScheduleStatusAsync(),
            { CapacityAction: "cancel" } => await capacity.CancelScheduleAsync(request.ScheduleId!, request.Requester, request.Source),
            { At: { } at } => await capacity.ScheduleAsync(request.Nodes, request.MinSpare, at, request.Until, request.Requester, request.Source),
            _ => await capacity.SetTargetAsync(request.Nodes, request.MinSpare, request.Source),
        };
        var payload = new CapacityPayload(result.Nodes, result.MinSpare, result.Wanted, result.Achievable, result.Running, result.Held, result.ScheduleId,
            result.Schedules?.Select(s => new SchedulePayload(s.Entry.Id, s.Entry.Requester, s.Entry.Source, s.Entry.Nodes, s.Entry.MinSpare, s.Entry.At, s.Entry.Until, s.Acting)).ToList());
        if (!result.Ok)
        {
            var error = Error(request.Id, result.ErrorCode ?? ErrorCodes.InvalidRequest, result.Message ?? "refused");
            return result.ErrorCode == ErrorCodes.BudgetExceeded ? error with { Capacity = payload } : error;
        }

        var capped = result.Capped && result.Schedules is null;
        return new ResponsePayload(request.Id, time.GetUtcNow(), capped ? WireValues.StatusPartial : WireValues.StatusOk,
            Error: capped ? new ErrorPayload(ErrorCodes.BudgetExceeded, result.Message ?? $"{result.Wanted} wanted, {result.Achievable} can run") : null,
            Capacity: payload);
    }

    /// <summary>The learned profile's forecast from this minute on; an empty forecast when the policy does not learn.</summary>
    private ResponsePayload Profile(ParsedRequest request)
    {
        var forecast = policy.Forecast(request.Minutes).Select(f => new ForecastPayload(f.At, f.Nodes, Math.Round(f.Confidence, 3), f.Days)).ToList();
        var payload = new ProfilePayload(policy.Profile is not null, policy.Profile?.Count ?? 0, policy.ForecastConfidence, forecast);
        return new ResponsePayload(request.Id, time.GetUtcNow(), WireValues.StatusOk, Profile: payload);
    }

    private ResponsePayload Summarise(string id, List<TargetResult> results)
    {
        var failed = results.Where(r => !r.Ok).ToList();
        var status = failed.Count == 0 ? WireValues.StatusOk : failed.Count == results.Count ? WireValues.StatusError : WireValues.StatusPartial;
        return new ResponsePayload(id, time.GetUtcNow(), status, results, Error: status == WireValues.StatusError ? failed[0].Error : null);
    }

    private ResponsePayload Status(PowerEngine engine, ParsedRequest request)
    {
        var targets = TargetResolver.Resolve(request.Targets, engine.States, out var error);
        if (error is not null)
        {
            return new ResponsePayload(request.Id, time.GetUtcNow(), WireValues.StatusError, Error: error);
        }

        var now = time.GetUtcNow();
        var snapshot = hub.Latest;
        var results = targets.Select(s => new TargetResult(
            s.Slot, s.Node, true, PowerEngine.Wire(s.Phase),
            State: PayloadFactory.State(s, now),
            Telemetry: snapshot is null ? null : PayloadFactory.SlotTelemetry(snapshot.Slot(s.Slot), engine.Energy[s.Slot].LifetimeWh, snapshot.At)));
        return new ResponsePayload(request.Id, now, WireValues.StatusOk, [.. results]);
    }

    /// <summary>On the loop: confirms or rejects the learnt name of each target slot; a slot with none is answered <c>not_pending</c>.</summary>
    private ResponsePayload Identity(PowerEngine engine, ParsedRequest request)
    {
        var targets = TargetResolver.Resolve(request.Targets, engine.States, out var error);
        if (error is not null)
        {
            return new ResponsePayload(request.Id, time.GetUtcNow(), WireValues.StatusError, Error: error);
        }

        var results = targets.Select(s =>
        {
            var result = request.IdentityAction == "confirm"
                ? identity.Confirm(engine, s.Slot, request.Source)
                : identity.Reject(engine, s.Slot, request.Source);
            var node = StateOf(engine, s.Slot).Node;
            return result.Ok
                ? new TargetResult(s.Slot, node, true, PowerEngine.Wire(result.Phase))
                : new TargetResult(s.Slot, node, false, PowerEngine.Wire(result.Phase), new ErrorPayload(result.ErrorCode!, result.Message ?? ""));
        }).ToList();
        return Summarise(request.Id, results);
    }

    private ResponsePayload Energy(PowerEngine engine, ParsedRequest request)
    {
        var targets = TargetResolver.Resolve(request.Targets, engine.States, out var error);
        if (error is not null)
        {
            return new ResponsePayload(request.Id, time.GetUtcNow(), WireValues.StatusError, Error: error);
        }

        var meter = engine.Energy;
        double Pick(SlotEnergy e) => request.Period switch { "today" => e.TodayWh, "yesterday" => e.YesterdayWh, _ => e.LifetimeWh };
        var chassis = request.Period switch { "today" => meter.ChassisTodayWh, "yesterday" => meter.ChassisYesterdayWh, _ => meter.ChassisLifetimeWh };
        var results = targets.Select(s => new TargetResult(s.Slot, s.Node, true, EnergyWh: PayloadFactory.Round(Pick(meter[s.Slot]))));
        return new ResponsePayload(request.Id, time.GetUtcNow(), WireValues.StatusOk, [.. results], ChassisEnergyWh: PayloadFactory.Round(chassis));
    }

    /// <summary>
    /// Answers from what is durable, after waiting briefly for the events raised before the request
    /// to be written: a client that switched a slot then asks for events sees the switch. A store
    /// that stalls longer does not hold the answer back.
    /// </summary>
    private async Task<ResponsePayload> EventsAsync(ParsedRequest request)
    {
        var stored = events.Journal.WhenStoredAsync();
        await Task.WhenAny(stored, Task.Delay(EventsStoreWait, time));
        var journal = events.Journal;
        var lastSeq = journal.LastSeq;
        var read = journal.Read(request.SinceSeq, request.Limit).Select(PayloadFactory.Event).ToList();
        return new ResponsePayload(request.Id, time.GetUtcNow(), WireValues.StatusOk, Events: read, LastSeq: lastSeq);
    }

    private static SlotState StateOf(PowerEngine engine, int slot) => engine.States.First(s => s.Slot == slot);

    private sealed record StartedTarget(SlotState Slot, CommandResult Result, Task<WaitOutcome>? Wait);

    private sealed record Started(IReadOnlyList<StartedTarget> Targets, ErrorPayload? Error);
}
