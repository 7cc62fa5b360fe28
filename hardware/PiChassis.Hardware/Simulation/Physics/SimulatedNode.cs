namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>
/// One board, driven by elapsed time: unpowered → booting (boot curve) → running (idle + load)
/// → halting (draw falls linearly) → halted (halted draw) → unpowered when its power is cut.
/// The phase is derived from the time since power and since the halt request, so the node
/// has no hidden transitions to miss. Not thread-safe: <see cref="SimulatedChassis"/> serialises access.
/// </summary>
public sealed class SimulatedNode
{
    private bool _powered;
    private double _uptimeS;
    private double? _haltAtS;
    private double _haltStartW;
    private double _loadFraction;

    public SimulatedNode(PiProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
    }

    public PiProfile Profile { get; }

    public NodePhase Phase =>
        !_powered ? NodePhase.Unpowered
        : _haltAtS is not { } haltAt ? (_uptimeS < Profile.BootDurationS ? NodePhase.Booting : NodePhase.Running)
        // Compared with the very sum Advance stops at: (a + h) - a can round below h and never end the halt.
        : _uptimeS < haltAt + Profile.HaltingS ? NodePhase.Halting
        : NodePhase.Halted;

    /// <summary>True while running: only then does the node agent answer (and send heartbeats).</summary>
    public bool IsUp => Phase == NodePhase.Running;

    /// <summary>Seconds since power reached the board; 0 when unpowered.</summary>
    public double UptimeS => _uptimeS;

    /// <summary>Uptime at which the halt was requested; null unless halting or halted.</summary>
    public double? HaltRequestedAtUptimeS => _haltAtS;

    /// <summary>Draw when the halt was requested: the halting ramp starts there.</summary>
    public double HaltStartW => _haltStartW;

    /// <summary>Load 0..1 of a running node. Cleared when the board loses power: its jobs die with it.</summary>
    public double LoadFraction => _loadFraction;

    /// <summary>Instantaneous draw in watts.</summary>
    public double PowerW => Phase switch
    {
        NodePhase.Booting => Profile.BootPowerW(_uptimeS),
        NodePhase.Running => Profile.RunningPowerW(_loadFraction),
        NodePhase.Halting => HaltingPowerW(_uptimeS),
        NodePhase.Halted => Profile.HaltedW,
        _ => 0,
    };

    /// <summary>Seconds until the inrush surge ends, or null when the board is not in one.</summary>
    public double? InrushLeftS => Phase == NodePhase.Booting && _uptimeS < Profile.InrushS ? Profile.InrushS - _uptimeS : null;

    /// <summary>True in the phases whose draw does not change with time.</summary>
    public bool IsSteady => Phase is NodePhase.Unpowered or NodePhase.Running or NodePhase.Halted;

    /// <summary>Rebuilds a node at a saved point of its life (<paramref name="uptimeS"/> null: unpowered).</summary>
    public static SimulatedNode Restore(
        PiProfile profile, double? uptimeS, double? haltRequestedAtUptimeS, double haltStartW, double loadFraction)
    {
        var node = new SimulatedNode(profile);
        if (uptimeS is { } uptime)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(uptime);
            node.SetLoad(loadFraction);
            node._powered = true;
            node._uptimeS = uptime;
            if (haltRequestedAtUptimeS is { } haltAt)
            {
                node._haltAtS = Math.Clamp(haltAt, profile.BootDurationS, uptime);
                ArgumentOutOfRangeException.ThrowIfNegative(haltStartW);
                node._haltStartW = haltStartW;
            }
        }

        return node;
    }

    /// <summary>Power reaches the board: it starts booting (no change if already powered).</summary>
    public void PowerOn()
    {
        if (!_powered)
        {
            _powered = true;
            _uptimeS = 0;
            _haltAtS = null;
        }
    }

    /// <summary>Power is cut: the board stops at once and forgets its load.</summary>
    public void PowerOff()
    {
        _powered = false;
        _uptimeS = 0;
        _haltAtS = null;
        _loadFraction = 0;
    }

    /// <summary>Asks a running node to shut down. Returns false when it is not running (no agent to ask).</summary>
    public bool Halt()
    {
        if (Phase != NodePhase.Running)
        {
            return false;
        }

        _haltStartW = PowerW;
        _haltAtS = _uptimeS;
        return true;
    }

    /// <summary>Sets the work load 0..1; it shows in the draw while running.</summary>
    public void SetLoad(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        _loadFraction = fraction;
    }

    /// <summary>Lets <paramref name="dtS"/> seconds pass; returns the exact energy drawn meanwhile (J).</summary>
    public double Advance(double dtS)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dtS);
        var energyJ = 0.0;

        // Each pass either uses up the interval or ends a timed phase exactly at its boundary.
        while (dtS > 0 && _powered)
        {
            var phase = Phase;
            var boundaryS = phase switch
            {
                NodePhase.Booting => Profile.BootDurationS,
                NodePhase.Halting => _haltAtS!.Value + Profile.HaltingS,
                _ => double.PositiveInfinity,
            };
            var endS = _uptimeS + dtS < boundaryS ? _uptimeS + dtS : boundaryS;
            energyJ += phase switch
            {
                NodePhase.Booting => Profile.BootEnergyJ(_uptimeS, endS),
                NodePhase.Halting => (HaltingPowerW(_uptimeS) + HaltingPowerW(endS)) / 2 * (endS - _uptimeS),
                _ => PowerW * dtS,
            };
            dtS = endS == boundaryS ? dtS - (boundaryS - _uptimeS) : 0;
            _uptimeS = endS;
        }

        return energyJ;
    }

    private double HaltingPowerW(double uptimeS) =>
        _haltStartW + ((Profile.HaltedW - _haltStartW) * (uptimeS - _haltAtS!.Value) / Profile.HaltingS);
}
