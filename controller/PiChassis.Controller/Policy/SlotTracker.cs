using PiChassis.Controller.Configuration;
using PiChassis.Controller.Engine;
using PiChassis.Controller.Sampling;

namespace PiChassis.Controller.Policy;

/// <summary>
/// What the policy learns about one slot from the snapshots: a heat proxy, whether the node is
/// busy and since when it is idle, and how long its relay has been closed. Times are monotonic.
/// </summary>
/// <remarks>
/// The simulator (and the default build) has chassis probes only, no temperature per slot, so the
/// heat proxy is the slot's draw averaged with <see cref="PolicyOptions.HeatTimeConstant"/>: a
/// board that worked recently is still warm, one that has been off for a while has cooled. Busy is
/// inferred from the draw as well (above the idle draw plus a margin): the controller sees the
/// node's load only through its current.
/// </remarks>
internal sealed class SlotTracker(int slot)
{
    private TimeSpan? _lastUpdate;

    public int Slot { get; } = slot;

    /// <summary>The slot's draw averaged over the heat time constant (W): the proxy for its temperature.</summary>
    public double HeatW { get; private set; }

    /// <summary>Lowest draw seen while on: this node's own idle draw, once it has been idle.</summary>
    public double? LowestOnW { get; private set; }

    public bool Busy { get; private set; }

    /// <summary>Since when the relay has been closed (as far as the policy has seen); null when open.</summary>
    public TimeSpan? PoweredSince { get; private set; }

    /// <summary>Last time the node was busy or came up; idle time counts from here.</summary>
    public TimeSpan? ActiveAt { get; private set; }

    public void Update(SlotState state, SlotSample sample, TimeSpan now, PolicyOptions options)
    {
        var powerW = state.Power ? Math.Max(0, sample.PowerW) : 0;
        HeatW = _lastUpdate is { } last
            ? powerW + ((HeatW - powerW) * Math.Exp(-(now - last) / options.HeatTimeConstant))
            : powerW;
        _lastUpdate = now;

        if (!state.Power)
        {
            PoweredSince = null;
            ActiveAt = null;
            Busy = false;
            return;
        }

        PoweredSince ??= now;
        if (state.Phase != SlotPhase.On || sample.Stale)
        {
            // Booting or halting draw says nothing about work; a stale reading says nothing at all.
            Busy = false;
            ActiveAt = now;
            return;
        }

        LowestOnW = Math.Min(LowestOnW ?? powerW, powerW);
        Busy = powerW > Math.Min(LowestOnW.Value, options.IdleW) + options.BusyMarginW;
        if (Busy || ActiveAt is null)
        {
            ActiveAt = now;
        }
    }

    /// <summary>When the engine last refused the policy's command for this slot.</summary>
    public TimeSpan? RefusedAt { get; set; }

    public TimeSpan IdleFor(TimeSpan now) => Busy || ActiveAt is not { } active ? TimeSpan.Zero : now - active;

    public TimeSpan OnFor(TimeSpan now) => PoweredSince is { } since ? now - since : TimeSpan.Zero;
}
