namespace PiChassis.Controller.Configuration;

/// <summary>
/// The Kubernetes cluster-autoscaler's <c>externalgrpc</c> cloud provider (docs/autoscaler.md). Section
/// <c>Autoscaler</c>. Plaintext HTTP/2 only on loopback without certificates; otherwise mutual TLS:
/// the server certificate and a client certificate signed by <see cref="ClientCaPath"/>.
/// </summary>
public sealed class AutoscalerOptions
{
    public const string Section = "Autoscaler";

    public const int MaxRemoteChassis = 8;

    /// <summary>Serve the autoscaler's gRPC service.</summary>
    public bool Enabled { get; set; }

    /// <summary>The IP address to listen on; loopback by default.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 takes a free one (the bound address is logged at start).</summary>
    public int Port { get; set; } = 8086;

    /// <summary>The server certificate (PEM).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The server certificate's private key (PEM).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The CA (PEM) that signs the autoscaler's client certificate; the only one trusted for clients.</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>Calls per second one client (certificate, or address on plaintext) may make on average; ten times this in a burst.</summary>
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>Other chassis of the fleet (at most <see cref="MaxRemoteChassis"/>) whose slots a group may name; reached through their own controllers over MQTT.</summary>
    public List<string> RemoteChassis { get; } = [];

    /// <summary>The node groups: named sets of slots (of this chassis, or of <see cref="RemoteChassis"/>) the autoscaler sizes.</summary>
    public List<NodeGroupOptions> NodeGroups { get; } = [];

    /// <summary>Whether the service is served with mutual TLS (all three files given).</summary>
    public bool UsesTls => CertificatePath is not null && KeyPath is not null && ClientCaPath is not null;
}
