using PiChassis.Controller.Engine;

namespace PiChassis.Controller.Configuration;

/// <summary>One slot of the chassis. Unset fields are filled from the default wiring (wiring.md).</summary>
public sealed class SlotOptions
{
    /// <summary>The number printed on the chassis, from 1.</summary>
    public int Slot { get; set; }

    /// <summary>The node's host name, unique across the fleet. Set here, it is bound to the slot: plug &amp; play never replaces it.</summary>
    public string? Node { get; set; }

    /// <summary>
    /// The configuration names no node here and the default wiring's name stands in, so plug &amp; play
    /// may learn the board's own. Not a setting (no public setter: configuration cannot bind it).
    /// </summary>
    public bool NodeIsDefault { get; private set; }

    /// <summary>The slot's INA219.</summary>
    public I2cAddress? SensorAddress { get; set; }

    public double ShuntOhms { get; set; } = 0.01;

    public double MaxCurrentA { get; set; } = 3.2;

    public OutputOptions Relay { get; set; } = new();

    public OutputOptions Led { get; set; } = new();

    /// <summary>BCM GPIO number of the slot's button, active-low with pull-up; null: no button.</summary>
    public int? ButtonPin { get; set; }

    /// <summary>Higher keeps power longer when the supply must shed load.</summary>
    public int Priority { get; set; }

    /// <summary>Gives the slot the default wiring's node name.</summary>
    internal void UseDefaultNode(string node)
    {
        Node = node;
        NodeIsDefault = true;
    }

    /// <summary>After a chassis power loss: <c>last</c> (as it was), <c>on</c> or <c>off</c>.</summary>
    public RestorePolicy RestorePolicy { get; set; } = RestorePolicy.Last;
}
