using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Redfish;

/// <summary>
/// Redfish's reset types onto the engine's commands, as the MQTT verbs do: a graceful shutdown is the
/// halt path (<c>off</c>), a forced restart and a power cycle both cut power and queue the slot (<c>cycle</c>).
/// </summary>
public static class ResetTypes
{
    public static IReadOnlyList<string> Allowed { get; } = ["On", "ForceOn", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart", "PowerCycle"];

    public static SlotAction? ActionOf(string resetType) => resetType switch
    {
        "On" or "ForceOn" => SlotAction.On,
        "ForceOff" => SlotAction.ForceOff,
        "GracefulShutdown" => SlotAction.Off,
        "GracefulRestart" => SlotAction.Restart,
        "ForceRestart" or "PowerCycle" => SlotAction.Cycle,
        _ => null,
    };
}
