using Grpc.Core;

namespace PiChassis.Controller.Autoscaler;

/// <summary>An answer of <see cref="NodeGroupActions"/>: a value, or the gRPC status the autoscaler gets instead (work on the engine loop must not throw).</summary>
public readonly record struct GroupOutcome<T>(T Value, Status Status);

/// <summary>Makes <see cref="GroupOutcome{T}"/>s.</summary>
public static class GroupOutcome
{
    public static GroupOutcome<T> Success<T>(T value) => new(value, Status.DefaultSuccess);

    public static GroupOutcome<T> Fail<T>(StatusCode code, string detail) => new(default!, new Status(code, detail));
}
