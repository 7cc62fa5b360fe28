using PiChassis.Cli.Mqtt;
using PiChassis.Shared.Payloads;

namespace PiChassis.Cli.Output;

/// <summary>
/// Turns replies into the exit code and the one-line errors. Precedence when several apply: usage
/// (2) over an offline or silent chassis (4) over other failures (1) over refusals (5).
/// </summary>
public static class Outcome
{
    /// <summary>The contract's error codes that mean "refused by policy or safety".</summary>
    public static readonly IReadOnlySet<string> RefusalCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "locked", "fault_latched", "held", "rate_limited", "budget_exceeded", "identity_conflict", "not_pending",
    };

    private static readonly HashSet<string> UsageCodes = new HashSet<string>(StringComparer.Ordinal) { "invalid_request", "unknown_target" };

    private static readonly int[] Precedence = [ExitCodes.Usage, ExitCodes.ControllerOffline, ExitCodes.Failed, ExitCodes.Refused];

    public static int ExitCode(IEnumerable<ChassisReply> replies)
    {
        var codes = Problems(replies).Select(p => p.ExitCode).ToHashSet();
        return Precedence.FirstOrDefault(codes.Contains, ExitCodes.Ok);
    }

    /// <summary>Every problem, one per failed target or chassis, with its exit code and a line for stderr.</summary>
    public static IEnumerable<(int ExitCode, string Line)> Problems(IEnumerable<ChassisReply> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            if (reply.Response is not { } response)
            {
                yield return (ExitCodes.ControllerOffline, reply.Failure ?? $"chassis {reply.Chassis.Id} did not answer");
                continue;
            }

            var failed = response.Results?.Where(r => !r.Ok).ToList() ?? [];
            if (failed.Count == 0 && response.Error is { } error)
            {
                yield return (CodeOf(error), $"chassis {reply.Chassis.Id}: {error.Code}: {error.Message}");
            }

            foreach (var result in failed)
            {
                var why = result.Error ?? new ErrorPayload("failed", "no reason given");
                yield return (CodeOf(why), $"{result.Node} (chassis {reply.Chassis.Id}, slot {result.Slot}): {why.Code}: {why.Message}");
            }
        }
    }

    private static int CodeOf(ErrorPayload error) =>
        UsageCodes.Contains(error.Code) ? ExitCodes.Usage
        : RefusalCodes.Contains(error.Code) ? ExitCodes.Refused
        : ExitCodes.Failed;
}
