using PiChassis.Controller.Engine;

namespace PiChassis.Tests.Controller.Engine;

public sealed class HaltCommandTemplateTests
{
    [Fact]
    public void StartInfo_NodeName_IsOneArgumentAndNoShellRuns()
    {
        Assert.True(HaltCommandTemplate.TryParse("ssh -o 'ConnectTimeout 5' {node} sudo poweroff", out var template, out _));

        var start = template.StartInfo(3, "node03;reboot");

        Assert.Equal("ssh", start.FileName);
        Assert.False(start.UseShellExecute);
        Assert.Equal(["-o", "ConnectTimeout 5", "node03;reboot", "sudo", "poweroff"], start.ArgumentList);
    }

    [Fact]
    public void StartInfo_PlaceholdersInsideAWord_AreSubstitutedThere()
    {
        Assert.True(HaltCommandTemplate.TryParse("""/usr/local/bin/halt "--host={node}" --slot={slot}""", out var template, out _));

        var start = template.StartInfo(12, "gpu01");

        Assert.Equal(["--host=gpu01", "--slot=12"], start.ArgumentList);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_NoWords_SaysWhy(string text)
    {
        Assert.False(HaltCommandTemplate.TryParse(text, out _, out var error));
        Assert.Equal("it has no program to run", error);
    }
}
