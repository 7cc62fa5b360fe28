namespace PiChassis.Controller.Engine;

/// <summary>A slot's phase, as in the MQTT contract: off → queued → booting → on → shutting_down → off.</summary>
public enum SlotPhase
{
    Off,
    Queued,
    Booting,
    On,
    ShuttingDown,
    Fault,
}
