using System.Text.Json.Nodes;
using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Panel;

/// <summary>
/// What a gesture asks of the engine. Runs on the engine loop, so reading the slot, recording the
/// press and executing the command happen as one step; every command goes through the engine's
/// arbitration like any other source's, with the button's authority.
/// </summary>
public static class PanelCommands
{
    public const string Source = "button";

    /// <summary>Records and applies a slot button gesture.</summary>
    /// <returns>False when the slot refused it (locked, fault latched, budget, wear guard).</returns>
    public static bool OnSlotPress(PowerEngine engine, ChassisEvents events, int slot, PressGesture gesture)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(events);
        if (engine.States.FirstOrDefault(s => s.Slot == slot) is not { } state)
        {
            return false;
        }

        var action = gesture switch
        {
            PressGesture.DoublePress => SlotAction.Identify,
            PressGesture.LongPress or PressGesture.VeryLongPress => SlotAction.ForceOff,
            _ => state.Phase is SlotPhase.Queued or SlotPhase.Booting or SlotPhase.On ? SlotAction.Off : SlotAction.On,
        };
        var detail = new JsonObject { ["press"] = Wire(gesture), ["action"] = PowerEngine.Wire(action) };
        if (state.Locked)
        {
            // A locked slot is in maintenance: the press only says no, whatever it asked for.
            detail["refused"] = ErrorCodes.Locked;
            events.Append(EventTypes.ButtonPress, slot, Source, detail);
            return false;
        }

        events.Append(EventTypes.ButtonPress, slot, Source, detail);
        return engine.Execute(new SlotCommand(slot, action, CommandOrigin.Button, Source)).Ok;
    }

    /// <summary>
    /// Records and applies a master button gesture: short powers on every slot its policy allows
    /// (they queue for admission), long powers every slot off gracefully, very long clears the
    /// latched faults the engine agrees may be cleared.
    /// </summary>
    public static void OnMasterPress(PowerEngine engine, ChassisEvents events, PressGesture gesture)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(events);
        var (action, name) = gesture switch
        {
            PressGesture.LongPress => (SlotAction.Off, "all_off"),
            PressGesture.VeryLongPress => (SlotAction.ClearFault, "clear_faults"),
            _ => (SlotAction.On, "all_on"),
        };
        events.Append(EventTypes.ButtonPress, null, Source, new JsonObject
        {
            ["button"] = "master",
            ["press"] = Wire(gesture),
            ["action"] = name,
        });
        foreach (var state in engine.States.Where(s => Applies(action, s)))
        {
            engine.Execute(new SlotCommand(state.Slot, action, CommandOrigin.Button, Source));
        }
    }

    /// <summary>The contract's <c>detail.press</c>: short, long or double (a very long hold is a long press).</summary>
    public static string Wire(PressGesture gesture) => gesture switch
    {
        PressGesture.DoublePress => "double",
        PressGesture.LongPress or PressGesture.VeryLongPress => "long",
        _ => "short",
    };

    private static bool Applies(SlotAction action, SlotState state) => action switch
    {
        SlotAction.On => state.Phase == SlotPhase.Off && state.Fault is null && !state.Locked && state.Policy != SlotPolicy.AlwaysOff,
        SlotAction.Off => state.Phase is SlotPhase.Queued or SlotPhase.Booting or SlotPhase.On,
        _ => state.Fault is not null,
    };
}
