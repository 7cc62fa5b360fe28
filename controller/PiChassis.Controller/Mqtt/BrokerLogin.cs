namespace PiChassis.Controller.Mqtt;

/// <summary>A user name and password to connect with.</summary>
public sealed record BrokerLogin(string User, string Password)
{
    public override string ToString() => $"{User} (password hidden)";
}
