namespace PiChassis.Controller.Panel;

/// <summary>
/// The MQTT client's connection as the chassis status LED shows it. The MQTT client implements it
/// (register it with AddSingleton so it replaces <see cref="NoBrokerStatus"/>).
/// </summary>
public interface IBrokerStatus
{
    BrokerConnection Connection { get; }

    /// <summary>Raised after <see cref="Connection"/> changed; handlers are quick.</summary>
    event EventHandler? Changed;
}
