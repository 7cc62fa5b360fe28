namespace PiChassis.Controller.Engine;

/// <summary>Asks a node to halt itself (the node agent over MQTT, a configured command, or the simulator).</summary>
public interface INodeAgent
{
    /// <summary>Must return quickly and never throw: the engine goes on waiting for the halt current either way.</summary>
    void RequestHalt(int slot, string node);
}
