using PiChassis.Cli;
using PiChassis.Cli.Mqtt;
using PiChassis.Cli.Output;
using PiChassis.Shared.Payloads;

namespace PiChassis.Tests.Cli.Output;

public class OutcomeTests
{
    private static readonly KnownChassis Sim = new("sim", null, "online");

    private static ChassisReply Reply(params TargetResult[] results) =>
        new(Sim, new ResponsePayload("x", DateTimeOffset.UnixEpoch, results.All(r => r.Ok) ? "ok" : "partial", results));

    private static TargetResult Ok(int slot) => new(slot, $"node0{slot}", true, "on");

    private static TargetResult Failed(int slot, string code) => new(slot, $"node0{slot}", false, "off", new ErrorPayload(code, "why"));

    [Theory]
    [InlineData(null, ExitCodes.Ok)]
    [InlineData("locked", ExitCodes.Refused)]
    [InlineData("fault_latched", ExitCodes.Refused)]
    [InlineData("held", ExitCodes.Refused)]
    [InlineData("budget_exceeded", ExitCodes.Refused)]
    [InlineData("rate_limited", ExitCodes.Refused)]
    [InlineData("timeout", ExitCodes.Failed)]
    [InlineData("hardware_error", ExitCodes.Failed)]
    [InlineData("unknown_target", ExitCodes.Usage)]
    public void ExitCode_OneTargetFailing_ByItsCode(string? code, int exitCode)
    {
        var reply = code is null ? Reply(Ok(1), Ok(2)) : Reply(Ok(1), Failed(2, code));

        Assert.Equal(exitCode, Outcome.ExitCode([reply]));
    }

    [Fact]
    public void ExitCode_RefusalAndOtherFailure_OtherFailureWins()
    {
        Assert.Equal(ExitCodes.Failed, Outcome.ExitCode([Reply(Failed(1, "locked"), Failed(2, "timeout"))]));
    }

    [Fact]
    public void ExitCode_SilentChassisBesideFailure_Offline()
    {
        Assert.Equal(ExitCodes.ControllerOffline, Outcome.ExitCode([Reply(Failed(1, "timeout")), ChassisReply.Missing(Sim, "did not answer")]));
    }

    [Fact]
    public void ExitCode_WholeRequestRefused_ByTopLevelError()
    {
        var refused = new ChassisReply(Sim, new ResponsePayload("x", DateTimeOffset.UnixEpoch, "error", Error: new ErrorPayload("rate_limited", "slow down")));

        Assert.Equal(ExitCodes.Refused, Outcome.ExitCode([refused]));
        Assert.Equal("chassis sim: rate_limited: slow down", Outcome.Problems([refused]).Single().Line);
    }
}
