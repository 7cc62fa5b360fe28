using PiChassis.Controller.Panel;

namespace PiChassis.Controller.Mqtt;

/// <summary>Tells the chassis status LED whether the controller reaches its broker.</summary>
public sealed class MqttBrokerStatus : IBrokerStatus
{
    private volatile bool _connected;

    public MqttBrokerStatus(MqttConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.Connected += (_, _) => Set(connected: true);
        connection.Disconnected += (_, _) => Set(connected: false);
    }

    public event EventHandler? Changed;

    /// <summary>Lost also while the first connection is still being tried: the LED says "no broker yet".</summary>
    public BrokerConnection Connection => _connected ? BrokerConnection.Connected : BrokerConnection.Lost;

    private void Set(bool connected)
    {
        if (_connected != connected)
        {
            _connected = connected;
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }
}
