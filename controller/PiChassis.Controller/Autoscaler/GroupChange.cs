using Grpc.Core;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Autoscaler;

/// <summary>
/// A change of <see cref="NodeGroupActions"/>: its status, the slots of other chassis to switch, asked of
/// their controllers off the engine loop (<see cref="RemotePower"/>), and, when there are any, this
/// chassis' own commands, held back until those controllers accepted (<see cref="NodeGroupActions.Commit"/>).
/// </summary>
public readonly record struct GroupChange(Status Status, IReadOnlyList<RemoteSlot> Remote, IReadOnlyList<SlotCommand> Local)
{
    public StatusCode StatusCode => Status.StatusCode;

    public string Detail => Status.Detail;

    public static implicit operator GroupChange(Status status) => new(status, [], []);
}
