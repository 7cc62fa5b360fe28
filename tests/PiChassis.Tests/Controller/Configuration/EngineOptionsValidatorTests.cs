using PiChassis.Controller.Configuration;

namespace PiChassis.Tests.Controller.Configuration;

public class EngineOptionsValidatorTests
{
    private readonly EngineOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.True(_validator.Validate(null, new PowerOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new ProtectionOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new WatchdogOptions()).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ssh {node} sudo poweroff")]
    [InlineData("/usr/local/bin/halt-slot {slot}")]
    public void Validate_HaltCommandNamingTheNodeOrNone_Valid(string? command)
    {
        Assert.True(_validator.Validate(null, new PowerOptions { HaltCommand = command }).Succeeded);
    }

    [Fact]
    public void Validate_HaltCommandWithoutNode_Refused()
    {
        var result = _validator.Validate(null, new PowerOptions { HaltCommand = "ssh node01 sudo poweroff" });

        Assert.Equal(["Power:HaltCommand must name the node to halt with {node} or {slot}."], result.Failures!);
    }

    [Theory]
    [InlineData("ssh {node} 'sudo poweroff", "its ' quote is not closed")]
    [InlineData("ssh \"{node} poweroff", "its \" quote is not closed")]
    [InlineData("ssh {node} poweroff \\", "it ends with a lone '\\'")]
    public void Validate_HaltCommandThatCannotBeSplit_RefusedWithTheReason(string command, string reason)
    {
        var result = _validator.Validate(null, new PowerOptions { HaltCommand = command });

        Assert.Equal([$"Power:HaltCommand cannot be split into words: {reason}."], result.Failures!);
    }
}
