namespace PiChassis.Cli.Connection;

/// <summary>The connection as given on the command line; null where a flag was not given.</summary>
public sealed record ConnectionFlags(string? Host, int? Port, string? User, string? Password, string? CaFile);
