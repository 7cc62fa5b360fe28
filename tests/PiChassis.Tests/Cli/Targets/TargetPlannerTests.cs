using PiChassis.Cli;
using PiChassis.Cli.Mqtt;
using PiChassis.Cli.Targets;
using PiChassis.Shared.Payloads;

namespace PiChassis.Tests.Cli.Targets;

public class TargetPlannerTests
{
    private static KnownChassis Chassis(string id, params string[] nodes) =>
        new(id, new InfoPayload(DateTimeOffset.UnixEpoch, 1, "test", id, 60, [.. nodes.Select((n, i) => new InfoSlot(i + 1, n, "manual"))], []), "online");

    private static readonly KnownChassis[] Two = [Chassis("a", "node01", "node02"), Chassis("b", "node03", "node04")];

    [Fact]
    public void Plan_NodesOnTwoChassis_OneRequestEach()
    {
        var plan = TargetPlanner.Plan("node[01-04]", Two, null);

        Assert.Equal([("a", "node01,node02"), ("b", "node03,node04")], plan.Select(p => (p.Chassis.Id, p.Targets)));
    }

    [Fact]
    public void Plan_All_EveryChassisInScope()
    {
        Assert.Equal(["all", "all"], TargetPlanner.Plan("all", Two, null).Select(p => p.Targets));
        Assert.Equal(["b"], TargetPlanner.Plan("all", Two, "b").Select(p => p.Chassis.Id));
    }

    [Fact]
    public void Plan_SlotsWithOneChassisNamed_SentThere()
    {
        var plan = TargetPlanner.Plan("slot:1-2", Two, "b");

        Assert.Equal(("b", "slot:1,2"), (plan.Single().Chassis.Id, plan.Single().Targets));
    }

    [Theory]
    [InlineData("-Ehalt.log")]
    [InlineData("_node01")]
    public void Plan_NodeNameOutsideTheSyntax_UsageErrorSaysTheRule(string targets)
    {
        var failure = Assert.Throws<CliException>(() => TargetPlanner.Plan(targets, Two, null));

        Assert.Equal(ExitCodes.Usage, failure.ExitCode);
        Assert.StartsWith($"bad node name '{targets}'", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node05", null, ExitCodes.Usage)]
    [InlineData("node03", "a", ExitCodes.Usage)]
    [InlineData("slot:1", null, ExitCodes.Usage)]
    [InlineData("node[1-", null, ExitCodes.Usage)]
    [InlineData("node01", "zz", ExitCodes.ControllerOffline)]
    public void Plan_Unresolvable_FailsWithExitCode(string targets, string? chassis, int exitCode)
    {
        var failure = Assert.Throws<CliException>(() => TargetPlanner.Plan(targets, Two, chassis));

        Assert.Equal(exitCode, failure.ExitCode);
    }

    [Fact]
    public void InScope_NoChassis_ControllerOffline()
    {
        Assert.Equal(ExitCodes.ControllerOffline, Assert.Throws<CliException>(() => TargetPlanner.InScope([], null)).ExitCode);
    }
}
