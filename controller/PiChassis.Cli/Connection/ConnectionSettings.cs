namespace PiChassis.Cli.Connection;

/// <summary>Where the broker is and how to log in; TLS when a CA file is given.</summary>
public sealed record ConnectionSettings(string Host, int Port, string? User, string? Password, string? CaFile)
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;

    public bool UsesTls => CaFile is not null;

    public string Endpoint => $"{Host}:{Port}";
}
