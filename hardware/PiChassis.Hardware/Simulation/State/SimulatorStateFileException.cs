namespace PiChassis.Hardware.Simulation.State;

/// <summary>The simulator's state file exists but cannot be used. The file is left in place for inspection.</summary>
public sealed class SimulatorStateFileException : Exception
{
    public SimulatorStateFileException() { }

    public SimulatorStateFileException(string message) : base(message) { }

    public SimulatorStateFileException(string message, Exception inner) : base(message, inner) { }
}
