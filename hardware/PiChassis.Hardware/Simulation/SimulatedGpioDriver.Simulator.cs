using System.Device.Gpio;

namespace PiChassis.Hardware.Simulation;

// The simulator's side of the pins: what the outside world drives and sees.
public sealed partial class SimulatedGpioDriver
{
    /// <summary>The most recent changes of a driven level (at most 1024), oldest first; null = stopped driving.</summary>
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

    /// <summary>Drives the pin from outside (a button, a relay board's pull); seen while it is an input.</summary>
    public void SetInputLevel(int pinNumber, PinValue level) =>
        Update(pinNumber, pin => _external[pin] = level == PinValue.High);

    /// <summary>Stops driving the pin from outside; an input then reads its pull.</summary>
    public void ReleaseInput(int pinNumber) => Update(pinNumber, pin => _external[pin] = null);

    public bool IsOutput(int pinNumber)
    {
        Validate(pinNumber);
        lock (_gate)
        {
            return _modes[pinNumber] == PinMode.Output;
        }
    }

    /// <summary>The level the pin drives; <see cref="PinValue.Low"/> when it is not an output (not driven).</summary>
    public PinValue OutputLevel(int pinNumber)
    {
        Validate(pinNumber);
        lock (_gate)
        {
            return DrivenLevelOf(pinNumber) == true ? PinValue.High : PinValue.Low;
        }
    }

    /// <summary>How many times the pin's latch was written, changed or not (opening as output counts).</summary>
    public long WriteCount(int pinNumber)
    {
        Validate(pinNumber);
        lock (_gate)
        {
            return _writes[pinNumber];
        }
    }

    /// <summary>The output pins and their levels, for the simulator to persist across a controller crash.</summary>
    public IReadOnlyDictionary<int, bool> ExportOutputs()
    {
        lock (_gate)
        {
            return Enumerable.Range(0, _modes.Length)
                .Where(pin => _modes[pin] == PinMode.Output)
                .ToDictionary(pin => pin, pin => _latches[pin]);
        }
    }

    /// <summary>
    /// Restores exported outputs as the pins' state, as the hardware kept it: nothing is journaled,
    /// counted or raised. Pins not listed keep their state.
    /// </summary>
    public void ImportOutputs(IReadOnlyDictionary<int, bool> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (int pin in outputs.Keys)
        {
            Validate(pin);
        }

        lock (_gate)
        {
            foreach ((int pin, bool level) in outputs)
            {
                _modes[pin] = PinMode.Output;
                _latches[pin] = level;
            }
        }
    }
}
