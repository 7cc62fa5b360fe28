using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Panel;

/// <summary>
/// The panel's patterns, as documented in wiring.md section 6, and which one a slot shows. Each is
/// told apart by its rhythm: steady, 1 Hz, 4 Hz, a 10 Hz strobe of short flashes, two or three
/// flashes then a pause, a brief flicker.
/// </summary>
public static class LedPatterns
{
    public static readonly LedPattern Off = LedPattern.Steady("off", "○", 4, lit: false);

    public static readonly LedPattern On = LedPattern.Steady("on", "●", 4, lit: true);

    /// <summary>Queued for power (waiting for budget or the stagger interval): 1 Hz.</summary>
    public static readonly LedPattern SlowBlink = LedPattern.Blink("slow blink", "◐", 4, 500, 500);

    /// <summary>Booting: 4 Hz.</summary>
    public static readonly LedPattern FastBlink = LedPattern.Blink("fast blink", "◑", 4, 125, 125);

    /// <summary>Shutting down: two short flashes, then a pause.</summary>
    public static readonly LedPattern DoubleBlink = LedPattern.Blink("double blink", "◐◐", 4, 150, 150, 150, 1050);

    /// <summary>Identify: 10 Hz strobe of short flashes.</summary>
    public static readonly LedPattern Strobe = LedPattern.Blink("strobe", "✳", 3, 25, 75);

    /// <summary>A latched fault: three short flashes, then a pause. Wins over every other slot pattern.</summary>
    public static readonly LedPattern TripleFlash = LedPattern.Blink("triple flash", "◐◐◐", 1, 150, 150, 150, 150, 150, 1050);

    /// <summary>A press the slot refused (locked, fault, budget): a half-second flicker, once.</summary>
    public static readonly LedPattern Refusal = LedPattern.Once("refused", "✕", 2, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50);

    /// <summary>The slot's pattern: fault, then identify, then its phase.</summary>
    public static LedPattern For(SlotState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Fault is not null || state.Phase == SlotPhase.Fault)
        {
            return TripleFlash;
        }

        if (state.Identifying)
        {
            return Strobe;
        }

        return state.Phase switch
        {
            SlotPhase.Queued => SlowBlink,
            SlotPhase.Booting => FastBlink,
            SlotPhase.On => On,
            SlotPhase.ShuttingDown => DoubleBlink,
            _ => Off,
        };
    }

    /// <summary>The chassis status LED: any fault fast, broker lost slow, otherwise steady (the controller runs).</summary>
    public static LedPattern ForStatus(bool anyFault, BrokerConnection broker) =>
        anyFault ? FastBlink : broker == BrokerConnection.Lost ? SlowBlink : On;

    /// <summary>Every LED lit for <paramref name="duration"/>, once; wins over everything.</summary>
    public static LedPattern LampTest(TimeSpan duration) =>
        LedPattern.Once("lamp test", "●", 0, (int)duration.TotalMilliseconds);
}
