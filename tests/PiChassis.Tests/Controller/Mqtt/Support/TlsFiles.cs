namespace PiChassis.Tests.Controller.Mqtt.Support;

/// <summary>A throwaway CA and a server certificate it signed for localhost and 127.0.0.1 (and client certificates on demand), made with openssl.</summary>
internal sealed record TlsFiles(string CaFile, string CertFile, string KeyFile)
{
    public static async Task<TlsFiles> CreateAsync(string dir, string name = "test")
    {
        var ca = Path.Combine(dir, $"{name}-ca.crt");
        var caKey = Path.Combine(dir, $"{name}-ca.key");
        var cert = Path.Combine(dir, $"{name}-server.crt");
        var key = Path.Combine(dir, $"{name}-server.key");
        var csr = Path.Combine(dir, $"{name}-server.csr");
        var ext = Path.Combine(dir, $"{name}-san.ext");
        await File.WriteAllTextAsync(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        await OpenSsl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", caKey, "-out", ca,
            "-days", "2", "-subj", $"/CN=PiChassis {name} CA");
        await OpenSsl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=localhost");
        await OpenSsl("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", caKey, "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", ext);
        return new TlsFiles(ca, cert, key);
    }

    /// <summary>A client certificate and key signed by the CA <see cref="CreateAsync"/> made under <paramref name="name"/> in <paramref name="dir"/>.</summary>
    public static async Task<(string CertFile, string KeyFile)> ClientAsync(string dir, string name = "test")
    {
        var cert = Path.Combine(dir, $"{name}-client.crt");
        var key = Path.Combine(dir, $"{name}-client.key");
        var csr = Path.Combine(dir, $"{name}-client.csr");
        await OpenSsl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", csr, "-subj", $"/CN={name} client");
        await OpenSsl("x509", "-req", "-in", csr, "-CA", Path.Combine(dir, $"{name}-ca.crt"), "-CAkey", Path.Combine(dir, $"{name}-ca.key"),
            "-CAcreateserial", "-out", cert, "-days", "2");
        return (cert, key);
    }

    private static async Task OpenSsl(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("openssl", args, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {args[0]} failed: {result.Error}");
        }
    }
}
