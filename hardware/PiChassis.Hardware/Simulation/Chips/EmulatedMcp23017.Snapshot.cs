using PiChassis.Hardware.Expander;

namespace PiChassis.Hardware.Simulation.Chips;

// The chip sits on the chassis rail and outlives a controller crash: the simulator persists its
// registers and restores them into a new emulator.
public sealed partial class EmulatedMcp23017
{
    /// <summary>The 22 registers in BANK=0 order (GPIO as it would read, without clearing INTF).</summary>
    public byte[] ExportRegisters()
    {
        lock (_gate)
        {
            byte[] registers = [.. _registers];
            ushort gpio = GpioValue();
            registers[(int)Mcp23017Register.GpioA] = (byte)gpio;
            registers[(int)Mcp23017Register.GpioB] = (byte)(gpio >> 8);
            return registers;
        }
    }

    /// <summary>
    /// Restores registers exported by <see cref="ExportRegisters"/>, as state the chip kept: nothing
    /// is journaled or counted; <see cref="OutputsChanged"/> is raised if a driven level differs.
    /// </summary>
    /// <exception cref="ArgumentException">Not 22 registers.</exception>
    public void ImportRegisters(ReadOnlySpan<byte> registers)
    {
        if (registers.Length != RegisterCount)
        {
            throw new ArgumentException($"An MCP23017 snapshot holds {RegisterCount} registers, not {registers.Length}.", nameof(registers));
        }

        bool outputsChanged;
        lock (_gate)
        {
            (ushort Mask, ushort Levels) before = Driven();
            for (int index = 0; index < RegisterCount; index++)
            {
                // GPIO is computed from the latch and the pins; the mirror follows IOCON.
                if (index is not ((int)Mcp23017Register.GpioA or (int)Mcp23017Register.GpioB))
                {
                    _registers[index] = registers[index];
                }
            }

            _registers[(int)Mcp23017Register.IoconMirror] = _registers[(int)Mcp23017Register.Iocon];
            outputsChanged = before != Driven();
        }

        RaiseIf(outputsChanged);
    }
}
