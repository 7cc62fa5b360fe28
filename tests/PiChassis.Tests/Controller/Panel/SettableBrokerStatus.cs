using PiChassis.Controller.Panel;

namespace PiChassis.Tests.Controller.Panel;

/// <summary>A broker link the test switches, as the MQTT client would report it.</summary>
internal sealed class SettableBrokerStatus : IBrokerStatus
{
    private BrokerConnection _connection = BrokerConnection.Connected;

    public event EventHandler? Changed;

    public BrokerConnection Connection
    {
        get => _connection;
        set
        {
            _connection = value;
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }
}
