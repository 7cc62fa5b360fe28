using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using static PiChassis.Tests.Controller.Redfish.RedfishHost;

namespace PiChassis.Tests.Controller.Redfish;

/// <summary>With a certificate the service speaks HTTPS only: a PEM with its key, as install scripts make one.</summary>
public sealed class RedfishHttpsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pichassis-redfish-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Get_WithCertificate_ServedOverHttpsWithThatCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pichassis-test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = Path.Combine(_dir, "redfish.pem");
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Redfish:CertificatePath"] = pem });
        string? seen = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                seen = cert?.Thumbprint;
                return true;
            },
        };
        using var client = new HttpClient(handler);

        using var response = await client.GetAsync(new Uri(host.BaseUri, "/redfish/v1"));

        Assert.Equal("https", host.BaseUri.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(certificate.Thumbprint, seen);
    }
}
