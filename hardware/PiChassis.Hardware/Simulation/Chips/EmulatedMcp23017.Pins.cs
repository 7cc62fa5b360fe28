using PiChassis.Hardware.Expander;

namespace PiChassis.Hardware.Simulation.Chips;

// The pins as the simulator sees them: driven outputs, inputs driven from outside, the journal
// of output changes, and a simple interrupt-on-change model.
public sealed partial class EmulatedMcp23017
{
    public const int PinCount = 16;

    private readonly PinJournal _journal;
    private ushort _externalDriven;
    private ushort _externalLevels;

    /// <summary>Raised, outside the chip's lock, after a register write changed a driven output level.</summary>
    public event EventHandler? OutputsChanged;

    /// <summary>
    /// The most recent changes of a driven output level (at most 1024), oldest first: every
    /// register write that made a pin drive another level, or stop driving (level null).
    /// </summary>
    public IReadOnlyList<PinLevelChange> Journal
    {
        get
        {
            lock (_gate)
            {
                return _journal.Snapshot();
            }
        }
    }

    public bool IsOutput(int pin)
    {
        ushort bit = Bit(pin);
        lock (_gate)
        {
            return (Word(Mcp23017Register.IodirA) & bit) == 0;
        }
    }

    /// <summary>The level an output pin drives; false for an input pin, which drives nothing.</summary>
    public bool OutputLevel(int pin)
    {
        ushort bit = Bit(pin);
        lock (_gate)
        {
            return (Driven().Levels & bit) != 0;
        }
    }

    /// <summary>Drives a pin from outside (a button); read through GPIO while the pin is an input.</summary>
    public void SetInputLevel(int pin, bool level) => DriveInput(pin, driven: true, level);

    /// <summary>Stops driving a pin from outside; an input then reads high with GPPU set, else low.</summary>
    public void ReleaseInput(int pin) => DriveInput(pin, driven: false, level: false);

    private void DriveInput(int pin, bool driven, bool level)
    {
        ushort bit = Bit(pin);
        lock (_gate)
        {
            ushort before = GpioValue();
            _externalDriven = driven ? (ushort)(_externalDriven | bit) : (ushort)(_externalDriven & ~bit);
            _externalLevels = level ? (ushort)(_externalLevels | bit) : (ushort)(_externalLevels & ~bit);
            CaptureInterrupts(before, GpioValue());
        }
    }

    // Enabled inputs fire on any change (INTCON=0) or on differing from DEFVAL (INTCON=1); INTCAP
    // holds the port as it was at the first interrupt until INTF is cleared by a read.
    private void CaptureInterrupts(ushort before, ushort after)
    {
        ushort compare = Word(Mcp23017Register.IntconA);
        ushort condition = (ushort)((compare & (after ^ Word(Mcp23017Register.DefvalA))) | (~compare & (before ^ after)));
        ushort fired = (ushort)(condition & Word(Mcp23017Register.GpintenA) & Word(Mcp23017Register.IodirA));
        for (int port = 0; port < 2; port++)
        {
            byte firedOnPort = (byte)(fired >> (8 * port));
            if (firedOnPort == 0)
            {
                continue;
            }

            int intf = (int)Mcp23017Register.IntfA + port;
            if (_registers[intf] == 0)
            {
                _registers[(int)Mcp23017Register.IntcapA + port] = (byte)(after >> (8 * port));
            }

            _registers[intf] |= firedOnPort;
        }
    }

    // What GPIO reads: the latch for outputs; for inputs the outside level (else the pull-up), XOR IPOL.
    private ushort GpioValue()
    {
        ushort iodir = Word(Mcp23017Register.IodirA);
        ushort pins = (ushort)((_externalLevels & _externalDriven) | (Word(Mcp23017Register.GppuA) & ~_externalDriven));
        return (ushort)((Word(Mcp23017Register.OlatA) & ~iodir) | ((pins ^ Word(Mcp23017Register.IpolA)) & iodir));
    }

    private byte PortValue(int port) => (byte)(GpioValue() >> (8 * port));

    private (ushort Mask, ushort Levels) Driven()
    {
        ushort outputs = (ushort)~Word(Mcp23017Register.IodirA);
        return (outputs, (ushort)(Word(Mcp23017Register.OlatA) & outputs));
    }

    private bool JournalDriveChanges((ushort Mask, ushort Levels) before)
    {
        (ushort mask, ushort levels) = Driven();
        int changed = (before.Mask ^ mask) | (before.Levels ^ levels);
        for (int pin = 0; pin < PinCount; pin++)
        {
            int bit = 1 << pin;
            if ((changed & bit) != 0)
            {
                _journal.Record(pin, (mask & bit) == 0 ? null : (levels & bit) != 0);
            }
        }

        return changed != 0;
    }

    private void RaiseIf(bool outputsChanged)
    {
        if (outputsChanged)
        {
            OutputsChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    private ushort Word(Mcp23017Register portARegister) =>
        (ushort)(_registers[(int)portARegister] | (_registers[(int)portARegister + 1] << 8));

    private static ushort Bit(int pin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pin, PinCount);
        return (ushort)(1 << pin);
    }
}
