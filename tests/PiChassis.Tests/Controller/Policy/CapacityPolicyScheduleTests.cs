using PiChassis.Controller.Engine;
using PiChassis.Controller.Policy;
using PiChassis.Shared.Json;
using PiChassis.Tests.TestSupport;

namespace PiChassis.Tests.Controller.Policy;

public class CapacityPolicyScheduleTests
{
    private static readonly DateTimeOffset Now = SimulatedRig.Start;
    private static readonly DateTimeOffset At = Now.AddMinutes(10);
    private static readonly DateTimeOffset Until = At.AddMinutes(20);

    [Fact]
    public void Schedule_NoLiveTarget_NodesUpByAtAndOffAfterUntil()
    {
        using var p = new PolicyRig(8);

        var result = p.Policy.Schedule(4, 0, At, Until, "slurm", "reservation");
        p.Run(At - Now);
        var upAtStart = p.SlotsIn(SlotPhase.On).Count();
        p.Run(Until - At);
        var upAtEnd = p.Running;
        var off = p.RunUntil(() => p.Running == 0, p.Options.Hysteresis + p.Options.IdleTimeout + TimeSpan.FromMinutes(1));

        Assert.True(result.Ok, result.Message);
        Assert.Equal(4, upAtStart);
        Assert.Equal(4, upAtEnd);
        Assert.True(off, $"{p.Running} still running");
        Assert.All(p.Rig.EventsOf(EventTypes.PowerOn), e => Assert.True(e.At >= At - p.Options.PrewarmLead, $"switched on at {e.At:O}"));
        Assert.Equal(
            [CapacityPolicy.ScheduleAdded, CapacityPolicy.ScheduleStarted, CapacityPolicy.ScheduleEnded],
            p.Rig.EventsOf(EventTypes.CapacityScheduled).Select(e => (string?)e.Detail?["change"]));
        Assert.All(p.Rig.EventsOf(EventTypes.CapacityScheduled), e => Assert.Equal(result.ScheduleId, (string?)e.Detail?["schedule_id"]));
        Assert.Empty(p.Policy.Schedules);
    }

    [Fact]
    public void Schedule_AboveLiveTarget_WantedIsTheMostOfBoth()
    {
        using var p = new PolicyRig(8);
        p.Policy.SetTarget(2, 0, "test");
        p.Policy.Schedule(5, 0, At, Until, "slurm", "reservation");
        p.Policy.Schedule(3, 1, At.AddMinutes(5), Until, "cron", "cron");

        p.Run(At.AddMinutes(6) - Now);
        var status = p.Policy.Status();

        Assert.Equal(2, status.Nodes);
        Assert.Equal(5, status.Wanted);
        Assert.Equal(5, p.Running);
    }

    [Fact]
    public void CancelSchedule_BeforeAt_NeverActs()
    {
        using var p = new PolicyRig(8);
        var made = p.Policy.Schedule(4, 0, At, Until, "slurm", "reservation");

        var cancelled = p.Policy.CancelSchedule(made.ScheduleId!, "slurm", "reservation");
        p.Run(Until.AddMinutes(1) - Now);

        Assert.True(cancelled.Ok, cancelled.Message);
        Assert.Equal(made.ScheduleId, cancelled.ScheduleId);
        Assert.Empty(p.Policy.Schedules);
        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOn));
        Assert.Equal(
            [CapacityPolicy.ScheduleAdded, CapacityPolicy.ScheduleCancelled],
            p.Rig.EventsOf(EventTypes.CapacityScheduled).Select(e => (string?)e.Detail?["change"]));
    }

    [Fact]
    public void CancelSchedule_OtherRequester_RefusedAndStillHonoured()
    {
        using var p = new PolicyRig(8);
        var made = p.Policy.Schedule(4, 0, At, Until, "slurm", "reservation");

        var refused = p.Policy.CancelSchedule(made.ScheduleId!, "dashboard", "dashboard");
        var unknown = p.Policy.CancelSchedule("nope", "slurm", "reservation");
        p.Run(At - Now);

        Assert.Equal(ErrorCodes.InvalidRequest, refused.ErrorCode);
        Assert.Contains("belongs to requester 'slurm'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InvalidRequest, unknown.ErrorCode);
        Assert.Single(p.Policy.Schedules);
        Assert.Equal(4, p.SlotsIn(SlotPhase.On).Count());
    }

    [Fact]
    public void Schedule_MoreThanTheChassisCanRun_RefusedWithHowFarItCouldGo()
    {
        using var p = new PolicyRig(4);
        p.Rig.Execute(4, SlotAction.Lock);

        var result = p.Policy.Schedule(6, 0, At, Until, "slurm", "reservation");

        Assert.False(result.Ok);
        Assert.Equal(ErrorCodes.BudgetExceeded, result.ErrorCode);
        Assert.Equal(3, result.Achievable);
        Assert.Contains("6 nodes scheduled, 3 can run", result.Message, StringComparison.Ordinal);
        Assert.Empty(p.Policy.Schedules);
        Assert.Empty(p.Rig.EventsOf(EventTypes.CapacityScheduled));
    }

    public static TheoryData<int, double, double?, string> BadTimes => new()
    {
        { 2, -1, 10, "is not in the future" },
        { 2, 0, 10, "is not in the future" },
        { 2, 10, 10, "must be after" },
        { 2, 10, 5, "must be after" },
        { 2, 36 * 24 * 60, null, "more than 35 days ahead" },
        { 2, 35 * 24 * 60, null, "more than 35 days ahead" },
        { 2, 10, 36 * 24 * 60, "more than 35 days ahead" },
        { -1, 10, 20, "must not be negative" },
    };

    [Theory]
    [MemberData(nameof(BadTimes))]
    public void Schedule_BadInput_ClearErrorAndNothingChanges(int nodes, double atMinutes, double? untilMinutes, string says)
    {
        using var p = new PolicyRig(8);

        var result = p.Policy.Schedule(nodes, 0, Now.AddMinutes(atMinutes), untilMinutes is { } u ? Now.AddMinutes(u) : null, "slurm", "test");
        p.Run(TimeSpan.FromMinutes(1));

        Assert.Equal(ErrorCodes.InvalidRequest, result.ErrorCode);
        Assert.Contains(says, result.Message, StringComparison.Ordinal);
        Assert.Empty(p.Policy.Schedules);
        Assert.Empty(p.Rig.EventsOf(EventTypes.CapacityScheduled));
        Assert.Empty(p.Rig.EventsOf(EventTypes.PowerOn));
    }

    [Fact]
    public void Schedule_AtWhoseDefaultSpanEndsBeyondTheLimit_MessageNamesAtAndWhereItEnds()
    {
        using var p = new PolicyRig(8);
        var at = Now.AddDays(35).AddMinutes(-30);

        var result = p.Policy.Schedule(2, 0, at, null, "slurm", "test");

        Assert.Equal(ErrorCodes.InvalidRequest, result.ErrorCode);
        Assert.Contains($"\"at\" {UtcMillisecondsConverter.ToText(at)} with the default span of 1 h ends {UtcMillisecondsConverter.ToText(at.AddHours(1))}", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_BeyondTheMostKept_Refused()
    {
        using var p = new PolicyRig(8);
        for (var i = 0; i < CapacityPolicy.MaxSchedules; i++)
        {
            Assert.True(p.Policy.Schedule(1, 0, At.AddHours(i), null, $"requester{i % 4}", "test").Ok);
        }

        var result = p.Policy.Schedule(1, 0, At, null, "slurm", "test");

        Assert.Equal(ErrorCodes.InvalidRequest, result.ErrorCode);
        Assert.Contains($"{CapacityPolicy.MaxSchedules} entries are scheduled already", result.Message, StringComparison.Ordinal);
        Assert.Equal(CapacityPolicy.MaxSchedules, p.Policy.Schedules.Count);
    }

    [Fact]
    public void Schedule_OneRequesterFillsItsShare_RefusedForItAloneAndFreedByACancel()
    {
        using var p = new PolicyRig(8);
        List<string?> ids = [];
        for (var i = 0; i < CapacityPolicy.MaxSchedulesPerRequester; i++)
        {
            ids.Add(p.Policy.Schedule(1, 0, At.AddHours(i), null, "dashboard", "test").ScheduleId);
        }

        var refused = p.Policy.Schedule(1, 0, At, null, "dashboard", "test");
        var other = p.Policy.Schedule(1, 0, At, null, "slurm", "test");

        Assert.Equal(ErrorCodes.InvalidRequest, refused.ErrorCode);
        Assert.Contains($"{CapacityPolicy.MaxSchedulesPerRequester} entries of requester 'dashboard'", refused.Message, StringComparison.Ordinal);
        Assert.True(other.Ok);
        Assert.Equal(CapacityPolicy.MaxSchedulesPerRequester + 1, p.Policy.Schedules.Count);

        Assert.True(p.Policy.CancelSchedule(ids[0]!, "dashboard", "test").Ok);
        Assert.True(p.Policy.Schedule(1, 0, At, null, "dashboard", "test").Ok);
    }

    [Fact]
    public void Schedule_NoUntil_EndsAfterTheDefaultSpan()
    {
        using var p = new PolicyRig(8);

        p.Policy.Schedule(1, 0, At, null, "slurm", "test");

        Assert.Equal(At + CapacityPolicy.DefaultScheduleSpan, Assert.Single(p.Policy.Schedules).Until);
    }

    [Fact]
    public void Schedule_ControllerRestarted_KeptAndHonoured()
    {
        var store = new MemoryScheduleStore();
        string? id;
        using (var before = new PolicyRig(8, schedules: store))
        {
            id = before.Policy.Schedule(4, 1, At, Until, "slurm", "reservation").ScheduleId;
        }

        using var after = new PolicyRig(8, schedules: store);
        after.Run(At - Now);

        var entry = Assert.Single(after.Policy.Schedules);
        Assert.Equal((id, "slurm", 4, 1, At, Until), (entry.Id, entry.Requester, entry.Nodes, entry.MinSpare, entry.At, entry.Until));
        Assert.Equal(4, after.SlotsIn(SlotPhase.On).Count());
        after.Run(Until - At);
        Assert.Empty(store.Load());
    }
}
