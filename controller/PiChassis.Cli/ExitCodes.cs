namespace PiChassis.Cli;

/// <summary>What <c>pichassis</c> exits with; Slurm and scripts branch on these.</summary>
public static class ExitCodes
{
    /// <summary>Every target reached the state asked for.</summary>
    public const int Ok = 0;

    /// <summary>Some targets failed (timeout, hardware error, …).</summary>
    public const int Failed = 1;

    /// <summary>A usage error or a node no chassis knows.</summary>
    public const int Usage = 2;

    /// <summary>The broker is unreachable or refused the credentials.</summary>
    public const int BrokerUnreachable = 3;

    /// <summary>A controller is offline, unknown, or did not answer in time.</summary>
    public const int ControllerOffline = 4;

    /// <summary>Refused by policy or safety: locked, fault latched, held off by protection, rate limited, over budget, an identity conflict or nothing to confirm.</summary>
    public const int Refused = 5;
}
