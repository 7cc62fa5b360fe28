using System.Device.Gpio;
using System.Device.I2c;
using PiChassis.Hardware.Buses;
using PiChassis.Hardware.Expander;
using PiChassis.Hardware.Simulation.Chips;
using PiChassis.Hardware.Simulation.Faults;
using PiChassis.Hardware.Simulation.Physics;
using PiChassis.Hardware.Simulation.State;

namespace PiChassis.Hardware.Simulation;

/// <summary>
/// The simulated chassis as the drivers see it: emulated chips on an I2C bus (each behind a fault
/// injector), a simulated GPIO header, and the physical model they measure and switch. With a
/// state file, the hardware's state survives the controller process as a real chassis would.
/// </summary>
public sealed class SimulatedChassisBuses : IDeviceBuses
{
    private const string GpioKey = "gpio";
    private readonly Dictionary<int, FaultyI2cDevice> _bus = [];
    private readonly Dictionary<int, EmulatedMcp23017> _expanders = [];
    private readonly List<SimulatedSlotWiring> _relays;
    private readonly SimulatorStateFile? _stateFile;
    private readonly TimeProvider _time;
    private readonly Lock _saveLock = new();
    private bool _disposed;

    public SimulatedChassisBuses(SimulatedChassis chassis, SimulatedWiring wiring, TimeProvider time, SimulatorStateFile? stateFile, bool startPowered)
    {
        ArgumentNullException.ThrowIfNull(chassis);
        ArgumentNullException.ThrowIfNull(wiring);
        Chassis = chassis;
        _time = time;
        _stateFile = stateFile;
        _relays = [.. wiring.Slots];
        GpioDriver = new SimulatedGpioDriver(time);
        Gpio = new GpioController(GpioDriver);
        foreach (var slot in wiring.Slots)
        {
            Attach(slot.SensorAddress, new EmulatedIna219(slot.SensorAddress, chassis.Slot(slot.Slot), slot.ShuntOhms, time));
            Expander(slot.RelayExpanderAddress);
        }

        foreach (var address in wiring.LedExpanderAddresses)
        {
            Expander(address);
        }

        Attach(wiring.InletProbeAddress, new EmulatedMcp9808(wiring.InletProbeAddress, chassis.Inlet));
        Attach(wiring.ExhaustProbeAddress, new EmulatedMcp9808(wiring.ExhaustProbeAddress, chassis.Exhaust));

        var saved = stateFile?.Load();
        if (saved is not null)
        {
            Restore(saved);
        }
        else if (startPowered)
        {
            PowerAllAsIfRunning();
        }

        foreach (var expander in _expanders.Values)
        {
            expander.OutputsChanged += (_, _) => OnOutputsChanged();
        }

        SyncRelays();
    }

    public SimulatedChassis Chassis { get; }

    public SimulatedGpioDriver GpioDriver { get; }

    public GpioController Gpio { get; }

    public IReadOnlyDictionary<int, EmulatedMcp23017> Expanders => _expanders;

    public I2cDevice OpenI2c(int address) => _bus.TryGetValue(address, out var device)
        ? new NonDisposingI2cDevice(device)
        : throw new HardwareException($"Nothing answers at 0x{address:X2} on the simulated I2C bus.");

    /// <summary>Makes transactions with the chip at this address fail as planned (NACK, timeout, stuck value).</summary>
    public void InjectFault(int address, I2cFaultPlan plan) => _bus[address].Plan = plan;

    /// <summary>The fault injector in front of the chip at this address.</summary>
    public FaultyI2cDevice Device(int address) => _bus[address];

    /// <summary>Writes the hardware's state to the state file (atomically), if there is one.</summary>
    public void SaveState()
    {
        if (_stateFile is null)
        {
            return;
        }

        lock (_saveLock)
        {
            var chips = _expanders.ToDictionary(e => $"mcp23017@0x{e.Key:X2}", e => e.Value.ExportRegisters());
            chips[GpioKey] = GpioDriver.ExportOutputs().SelectMany(p => new[] { (byte)p.Key, (byte)(p.Value ? 1 : 0) }).ToArray();
            _stateFile.Save(new SimulatorState(Chassis.ExportState(), chips));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        SaveState();
        Gpio.Dispose();
        foreach (var device in _bus.Values)
        {
            device.Dispose();
        }
    }

    private void Attach(int address, I2cDevice chip) => _bus[address] = new FaultyI2cDevice(chip);

    private void Expander(int address)
    {
        if (!_expanders.ContainsKey(address))
        {
            var chip = new EmulatedMcp23017(address, _time);
            _expanders[address] = chip;
            Attach(address, chip);
        }
    }

    private void Restore(SimulatorState saved)
    {
        foreach (var (address, chip) in _expanders)
        {
            if (saved.ChipRegisters.TryGetValue($"mcp23017@0x{address:X2}", out var registers))
            {
                chip.ImportRegisters(registers);
            }
        }

        if (saved.ChipRegisters.TryGetValue(GpioKey, out var gpio))
        {
            GpioDriver.ImportOutputs(gpio.Chunk(2).ToDictionary(p => (int)p[0], p => p[1] != 0));
        }

        Chassis.RestoreState(saved.Chassis);
    }

    /// <summary>A fresh chassis that was already running: relays closed by an earlier controller, boards up for an hour.</summary>
    private void PowerAllAsIfRunning()
    {
        var now = _time.GetUtcNow();
        var exported = Chassis.ExportState();
        Chassis.RestoreState(exported with
        {
            Slots = [.. exported.Slots.Select(s => s.Board is null ? s : s with { RelayInputClosed = true, PoweredSince = now - TimeSpan.FromHours(1) })],
        });
        foreach (var group in _relays.GroupBy(r => r.RelayExpanderAddress))
        {
            ushort latch = 0, direction = 0xFFFF;
            foreach (var relay in group)
            {
                latch |= (ushort)((relay.RelayActiveLow ? 0 : 1) << relay.RelayPin);
                direction &= (ushort)~(1 << relay.RelayPin);
            }

            // As a previous controller would have: latch first, then make the pins outputs.
            var chip = _expanders[group.Key];
            chip.Write([(byte)Mcp23017Register.OlatA, (byte)latch, (byte)(latch >> 8)]);
            chip.Write([(byte)Mcp23017Register.IodirA, (byte)direction, (byte)(direction >> 8)]);
        }
    }

    // Only a relay change is worth a save: a blinking LED toggles its expander many times a second,
    // and the panel rewrites every LED at start anyway.
    private void OnOutputsChanged()
    {
        if (SyncRelays())
        {
            SaveState();
        }
    }

    private bool SyncRelays()
    {
        var changed = false;
        foreach (var relay in _relays)
        {
            var chip = _expanders[relay.RelayExpanderAddress];
            var closed = chip.IsOutput(relay.RelayPin) && chip.OutputLevel(relay.RelayPin) != relay.RelayActiveLow;
            var slot = Chassis.Slot(relay.Slot);
            if (slot.RelayInputClosed != closed)
            {
                slot.SetRelay(closed);
                changed = true;
            }
        }

        return changed;
    }
}
