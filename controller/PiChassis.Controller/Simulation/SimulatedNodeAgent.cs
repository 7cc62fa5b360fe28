using PiChassis.Controller.Engine;
using PiChassis.Hardware.Simulation.Physics;

namespace PiChassis.Controller.Simulation;

/// <summary>Plays the node agent of the simulated boards: a halt request halts the board in that slot.</summary>
public sealed class SimulatedNodeAgent(SimulatedChassis chassis) : INodeAgent
{
    public void RequestHalt(int slot, string node) => chassis.Slot(slot).Halt();
}
