namespace PiChassis.Controller.Panel;

/// <summary>The default until an MQTT client is registered: no broker, and it never changes.</summary>
public sealed class NoBrokerStatus : IBrokerStatus
{
    public BrokerConnection Connection => BrokerConnection.NotConfigured;

    public event EventHandler? Changed
    {
        add { }
        remove { }
    }
}
