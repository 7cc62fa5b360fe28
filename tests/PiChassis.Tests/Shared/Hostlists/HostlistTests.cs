using PiChassis.Shared.Hostlists;

namespace PiChassis.Tests.Shared.Hostlists;

public class HostlistTests
{
    [Theory]
    [InlineData("node01", new[] { "node01" })]
    [InlineData("node[01-04,07]", new[] { "node01", "node02", "node03", "node04", "node07" })]
    [InlineData("node[1-3]", new[] { "node1", "node2", "node3" })]
    [InlineData("node[8-11]", new[] { "node8", "node9", "node10", "node11" })]
    [InlineData("node[08-11]", new[] { "node08", "node09", "node10", "node11" })]
    [InlineData("node[001-002]", new[] { "node001", "node002" })]
    [InlineData("node[7]", new[] { "node7" })]
    [InlineData("node[07]", new[] { "node07" })]
    [InlineData("rack[1-2]-node[01-02]", new[] { "rack1-node01", "rack1-node02", "rack2-node01", "rack2-node02" })]
    [InlineData("r[1-2]n[1-2]x", new[] { "r1n1x", "r1n2x", "r2n1x", "r2n2x" })]
    [InlineData("node01,node03", new[] { "node01", "node03" })]
    [InlineData("node[01-02],gpu[1-2]", new[] { "node01", "node02", "gpu1", "gpu2" })]
    [InlineData(" node01 , node02 ", new[] { "node01", "node02" })]
    [InlineData("node01,node01,node[01-02]", new[] { "node01", "node02" })]
    [InlineData("pi-4.b_2", new[] { "pi-4.b_2" })]
    [InlineData("[1-2]", new[] { "1", "2" })]
    public void Parse_NodeHostlists_ExpandsInOrderWithoutDuplicates(string text, string[] expected)
    {
        var hostlist = Hostlist.Parse(text);

        Assert.Equal(expected, hostlist.Nodes);
        Assert.Empty(hostlist.Slots);
        Assert.False(hostlist.All);
    }

    [Theory]
    [InlineData("slot:3", new[] { 3 })]
    [InlineData("slot:3-5", new[] { 3, 4, 5 })]
    [InlineData("SLOT:3-5", new[] { 3, 4, 5 })]
    [InlineData("slot:3-5,7", new[] { 3, 4, 5, 7 })]
    [InlineData("slot:3-5,7,9-10", new[] { 3, 4, 5, 7, 9, 10 })]
    [InlineData("slot:[1,3,5-6]", new[] { 1, 3, 5, 6 })]
    [InlineData("slot:2,slot:1", new[] { 2, 1 })]
    [InlineData("slot:1-2,slot:2-3", new[] { 1, 2, 3 })]
    public void Parse_SlotLists_ExpandsNumbers(string text, int[] expected)
    {
        var hostlist = Hostlist.Parse(text);

        Assert.Equal(expected, hostlist.Slots);
        Assert.Empty(hostlist.Nodes);
    }

    [Fact]
    public void Parse_SlotsThenNames_KeepsBoth()
    {
        var hostlist = Hostlist.Parse("slot:1-2,node05,7");

        Assert.Equal([1, 2], hostlist.Slots);
        Assert.Equal(["node05", "7"], hostlist.Nodes);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("ALL")]
    [InlineData("all,node01")]
    public void Parse_All_MeansEverySlot(string text)
    {
        Assert.True(Hostlist.Parse(text).All);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("node01,,node02", "empty term")]
    [InlineData("node01,", "empty term")]
    [InlineData("node[01-04", "open")]
    [InlineData("node01-04]", "did not open")]
    [InlineData("node[[1-2]]", "nests")]
    [InlineData("node[]", "empty range")]
    [InlineData("node[1-]", "not a number")]
    [InlineData("node[a-c]", "not a number")]
    [InlineData("node[1-3-5]", "not a number")]
    [InlineData("node[05-01]", "backwards")]
    [InlineData("node[0-99999999]", "more than")]
    [InlineData("a[0-99]b[0-99]", "more than")]
    [InlineData("node[1234567890-1234567891]", "not a number")]
    [InlineData("node 01", "no host name has")]
    [InlineData("node/01", "no host name has")]
    [InlineData("node#", "no host name has")]
    [InlineData("node+", "no host name has")]
    [InlineData("slot:0", "from 1")]
    [InlineData("slot:", "empty range")]
    [InlineData("slot:x", "not a number")]
    [InlineData("slot:5-3", "backwards")]
    [InlineData("slot:[1,3", "open")]
    [InlineData("slot:1-99999", "more than")]
    public void TryParse_Malformed_FailsWithReason(string? text, string reason)
    {
        var ok = Hostlist.TryParse(text, out var hostlist, out var error);

        Assert.False(ok);
        Assert.Null(hostlist);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NameLongerThan64_Fails()
    {
        Assert.Throws<FormatException>(() => Hostlist.Parse(new string('n', 60) + "[10000-10001]"));
    }

    [Fact]
    public void Parse_ExactlyTheLimit_Expands()
    {
        var hostlist = Hostlist.Parse($"n[1-{Hostlist.MaxTargets}]");

        Assert.Equal(Hostlist.MaxTargets, hostlist.Nodes.Count);
        Assert.Equal($"n{Hostlist.MaxTargets}", hostlist.Nodes[^1]);
    }

    [Fact]
    public void Parse_OverTheLimitAcrossTerms_Fails()
    {
        Assert.False(Hostlist.TryParse($"a[1-{Hostlist.MaxTargets}],b1", out _, out var error));
        Assert.Contains("more than", error, StringComparison.Ordinal);
    }
}
