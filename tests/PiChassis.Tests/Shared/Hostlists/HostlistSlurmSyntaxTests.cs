using PiChassis.Shared.Hostlists;

namespace PiChassis.Tests.Shared.Hostlists;

/// <summary>
/// Hostlists as slurmctld hands them to ResumeProgram/SuspendProgram, expanded the way
/// <c>scontrol show hostnames</c> lists them (Slurm's hostlist.c: brackets multiply left to right,
/// a range keeps the width of its lower bound, text may follow a bracket).
/// </summary>
public class HostlistSlurmSyntaxTests
{
    [Theory]
    [InlineData("node[1-3]-ib", new[] { "node1-ib", "node2-ib", "node3-ib" })]
    [InlineData("a[1-2]b[3-4]", new[] { "a1b3", "a1b4", "a2b3", "a2b4" })]
    [InlineData("n1,n[3-4]", new[] { "n1", "n3", "n4" })]
    [InlineData("n[08-11]", new[] { "n08", "n09", "n10", "n11" })]
    [InlineData("n[9-10]", new[] { "n9", "n10" })]
    [InlineData("n[098-101]", new[] { "n098", "n099", "n100", "n101" })]
    [InlineData("node[01-02,05,07-08]", new[] { "node01", "node02", "node05", "node07", "node08" })]
    [InlineData("tux[0-1],head", new[] { "tux0", "tux1", "head" })]
    [InlineData("rack1-node[1-2].cluster", new[] { "rack1-node1.cluster", "rack1-node2.cluster" })]
    [InlineData("gpu[1-2],cpu[01-02]-ib", new[] { "gpu1", "gpu2", "cpu01-ib", "cpu02-ib" })]
    [InlineData("node[3],node[1-2]", new[] { "node3", "node1", "node2" })]
    public void Parse_ScontrolShowHostnamesCases_ExpandsLikeSlurm(string hostlist, string[] hostnames)
    {
        Assert.Equal(hostnames, Hostlist.Parse(hostlist).Nodes);
    }

    [Fact]
    public void Parse_SingleArgumentFromSlurmctld_IsOneHostlist()
    {
        var hostlist = Hostlist.Parse("node[01-04,07],gpu[1-2]-ib");

        Assert.Equal(7, hostlist.Nodes.Count);
        Assert.False(hostlist.All);
        Assert.Empty(hostlist.Slots);
    }
}
