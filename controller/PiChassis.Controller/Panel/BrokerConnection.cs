namespace PiChassis.Controller.Panel;

/// <summary>What the chassis status LED knows of the MQTT broker.</summary>
public enum BrokerConnection
{
    /// <summary>No MQTT client runs (none configured yet): the LED shows only the controller and faults.</summary>
    NotConfigured,
    Connected,
    Lost,
}
