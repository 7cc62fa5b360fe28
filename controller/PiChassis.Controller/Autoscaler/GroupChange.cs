using Grpc.Core;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// What a change of <see cref="NodeGroupActions"/> did on this chassis (its status) and what is left for
/// other chassis: their slots to switch, asked of their controllers off the engine loop (<see cref="RemotePower"/>).
/// </summary>
public readonly record struct GroupChange(Status Status, IReadOnlyList<RemoteSlot> Remote)
{
    public StatusCode StatusCode => Status.StatusCode;

    public string Detail => Status.Detail;

    public static implicit operator GroupChange(Status status) => new(status, []);
}
