namespace PiChassis.Hardware.Simulation.Physics;

/// <summary>
/// One slot of a <see cref="SimulatedChassis"/>: relay, board (or none), injected faults, and the
/// feed an emulated INA219 measures. Every member first brings the chassis up to the current time.
/// </summary>
public sealed partial class SimulatedSlot : IPowerRail
{
    private readonly SimulatedChassis _chassis;
    private bool _relayInputClosed;
    private RelayFault _relayFault;
    private double? _shortCurrentA;
    private SimulatedNode? _node;
    private double _energyJ;

    internal SimulatedSlot(SimulatedChassis chassis, int number, PiProfile? board)
    {
        _chassis = chassis;
        Number = number;
        _node = board is null ? null : new SimulatedNode(board);
    }

    /// <summary>Slot number, from 1.</summary>
    public int Number { get; }

    /// <summary>What the relay's coil is told: closed (powered) or open.</summary>
    public bool RelayInputClosed => Synced(() => _relayInputClosed);

    /// <summary>Whether the contact is closed, which a relay fault can make differ from the input.</summary>
    public bool IsPowered => Synced(() => ContactClosed);

    public RelayFault RelayFault => Synced(() => _relayFault);

    /// <summary>Current of an injected short on this slot's feed, or null.</summary>
    public double? ShortCurrentA => Synced(() => _shortCurrentA);

    /// <summary>The board in the slot, or null when the slot is empty.</summary>
    public PiProfile? Board => Synced(() => _node?.Profile);

    public NodePhase Phase => Synced(() => _node?.Phase ?? NodePhase.Unpowered);

    /// <summary>True while the board runs: the simulator sends the node agent's heartbeats only then.</summary>
    public bool IsUp => Synced(() => _node?.IsUp ?? false);

    public double UptimeS => Synced(() => _node?.UptimeS ?? 0);

    public double LoadFraction => Synced(() => _node?.LoadFraction ?? 0);

    public double BusVoltageV => Synced(_chassis.BusVoltageLockedV);

    public double CurrentA => Synced(() => CurrentLockedA(_chassis.BusVoltageLockedV()));

    public double PowerW => Synced(() =>
    {
        var busV = _chassis.BusVoltageLockedV();
        return CurrentLockedA(busV) * busV;
    });

    /// <summary>Ground truth energy delivered to this slot since the chassis started (Wh).</summary>
    public double EnergyWh => Synced(() => _energyJ / 3600);

    /// <summary>Drives the relay coil (what the expander's output does).</summary>
    public void SetRelay(bool closed) => SyncedChange(() => _relayInputClosed = closed);

    /// <summary>Welds or jams the contact; <see cref="RelayFault.None"/> makes it follow the input again.</summary>
    public void SetRelayFault(RelayFault fault) => SyncedChange(() => _relayFault = fault);

    /// <summary>A short on the feed: the slot draws <paramref name="currentA"/> while powered, and the board behind it loses power.</summary>
    public void InjectShort(double currentA)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(currentA);
        SyncedChange(() => _shortCurrentA = currentA);
    }

    /// <summary>Removes the short; a board on a closed relay boots again.</summary>
    public void ClearShort() => SyncedChange(() => _shortCurrentA = null);

    /// <summary>Slides a board in; on a powered slot it starts booting at once.</summary>
    public void InsertBoard(PiProfile board)
    {
        ArgumentNullException.ThrowIfNull(board);
        SyncedChange(() => _node = new SimulatedNode(board));
    }

    /// <summary>Pulls the board out: the slot draws nothing.</summary>
    public void RemoveBoard() => SyncedChange(() => _node = null);

    /// <summary>Asks the node to shut down, as its agent would. False when nothing is running to ask.</summary>
    public bool Halt() => Synced(() => _node?.Halt() ?? false);

    /// <summary>Sets the node's work load 0..1. Throws on an empty slot.</summary>
    public void SetLoad(double fraction) => SyncedChange(() =>
        (_node ?? throw new InvalidOperationException($"Slot {Number} is empty.")).SetLoad(fraction));

    private bool ContactClosed => _relayFault switch
    {
        RelayFault.WeldedClosed => true,
        RelayFault.StuckOpen => false,
        _ => _relayInputClosed,
    };

    /// <summary>Current of a short while the contact feeds it; 0 otherwise.</summary>
    internal double ShortDrawLockedA => ContactClosed ? _shortCurrentA ?? 0 : 0;

    internal double NodePowerLockedW => _node?.PowerW ?? 0;

    internal bool IsSteadyLocked => _node?.IsSteady ?? true;

    internal double? InrushLeftLockedS => _node?.InrushLeftS;

    internal double AdvanceBoardLocked(double dtS) => _node?.Advance(dtS) ?? 0;

    internal void AddEnergyLocked(double energyJ) => _energyJ += energyJ;

    internal double EnergyLockedJ => _energyJ;

    internal double CurrentLockedA(double busVoltageV) =>
        ContactClosed && _shortCurrentA is { } shortA ? shortA : SimulatedPsu.LoadCurrentA(NodePowerLockedW, busVoltageV);

    /// <summary>Powers the board when the contact feeds it and no short holds its input down.</summary>
    private void ApplyContactLocked()
    {
        if (ContactClosed && _shortCurrentA is null)
        {
            _node?.PowerOn();
        }
        else if (_node is { Phase: not NodePhase.Unpowered })
        {
            _node.PowerOff();
        }
    }

    private T Synced<T>(Func<T> read)
    {
        lock (_chassis.Gate)
        {
            _chassis.SyncLocked();
            return read();
        }
    }

    private void SyncedChange(Action change)
    {
        lock (_chassis.Gate)
        {
            _chassis.SyncLocked();
            change();
            ApplyContactLocked();
        }
    }
}
