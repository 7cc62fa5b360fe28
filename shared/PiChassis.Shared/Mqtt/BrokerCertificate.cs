using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PiChassis.Shared.Mqtt;

/// <summary>How every PiChassis client checks a broker's TLS certificate: against the configured CA only.</summary>
public static class BrokerCertificate
{
    /// <summary>The broker's chain must end at one of <paramref name="roots"/>, and its name must match.</summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
