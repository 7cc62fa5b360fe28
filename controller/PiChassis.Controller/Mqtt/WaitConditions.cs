using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Mqtt;

/// <summary>
/// What a switching request waits for. <c>relay</c>: the relay has switched (closed and booting or
/// on after a power-on, cycle or restart; open after an off). <c>ready</c>: the node is up (phase
/// on), or off. A fault, or the slot turning the other way meanwhile, ends the wait as a failure.
/// </summary>
public static class WaitConditions
{
    /// <summary>Null when the request does not wait (<see cref="WaitMode.None"/>, or an action that switches nothing).</summary>
    public static Func<SlotState, WaitOutcome?>? For(SlotAction action, WaitMode mode)
    {
        if (mode == WaitMode.None)
        {
            return null;
        }

        return action switch
        {
            SlotAction.On or SlotAction.Cycle or SlotAction.Restart => state => On(state, mode),
            SlotAction.Off or SlotAction.ForceOff => Off,
            _ => null,
        };
    }

    private static WaitOutcome? On(SlotState state, WaitMode mode) => state switch
    {
        { Phase: SlotPhase.Fault } => new WaitOutcome(state, ErrorCodes.FaultLatched, $"fault {state.Fault?.Code}: {state.Fault?.Message}"),
        { Phase: SlotPhase.Off } => new WaitOutcome(state, ErrorCodes.Locked, "the slot was switched off meanwhile"),
        { Phase: SlotPhase.On } => new WaitOutcome(state),
        { Phase: SlotPhase.Booting, Power: true } when mode == WaitMode.Relay => new WaitOutcome(state),
        _ => null,
    };

    private static WaitOutcome? Off(SlotState state) => state.Power ? null : new WaitOutcome(state);
}
