using PiChassis.Controller.Engine;
using PiChassis.Controller.Mqtt;
using PiChassis.Shared.Hostlists;

namespace PiChassis.Tests.Controller.Mqtt;

public class TargetResolverTests
{
    private static readonly SlotState[] States = [.. Enumerable.Range(1, 4).Select(n =>
        new SlotState(n, $"node{n:D2}", true, SlotPhase.On, SlotPolicy.Manual, false, null, DateTimeOffset.UnixEpoch, 0, false))];

    private static int[] Slots(string targets, out string? code)
    {
        var resolved = TargetResolver.Resolve(Hostlist.Parse(targets), States, out var error);
        code = error?.Code;
        return [.. resolved.Select(s => s.Slot)];
    }

    [Theory]
    [InlineData("all", new[] { 1, 2, 3, 4 })]
    [InlineData("slot:2-3", new[] { 2, 3 })]
    [InlineData("node[03-04]", new[] { 3, 4 })]
    [InlineData("node04,slot:1", new[] { 1, 4 })]
    public void Resolve_KnownTargets_InSlotOrder(string targets, int[] expected)
    {
        Assert.Equal(expected, Slots(targets, out var code));
        Assert.Null(code);
    }

    [Fact]
    public void Resolve_SlotOutsideTheChassis_InvalidRequest()
    {
        Assert.Empty(Slots("slot:4-5", out var code));
        Assert.Equal(ErrorCodes.InvalidRequest, code);
    }

    [Fact]
    public void Resolve_NodeNotInThisChassis_UnknownTargetForTheWholeRequest()
    {
        Assert.Empty(Slots("node[03-09]", out var code));
        Assert.Equal(ErrorCodes.UnknownTarget, code);
    }
}
