using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Junction.Mesh.Identity;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// A caller that speaks TLS to a meshed pod's inbound port itself, from inside a pod the test
/// chooses (usually the un-meshed one, so nothing of the caller's side is captured): curl or
/// openssl with a certificate the test issued (any CA, any identity) or none. Key files live in
/// the bed's temp directory, removed with it.
/// </summary>
internal sealed class MeshTlsCaller
{
    private readonly MeshPod from;
    private readonly string? certificate;
    private readonly string? key;

    private MeshTlsCaller(MeshPod from, string? certificate, string? key)
    {
        this.from = from;
        this.certificate = certificate;
        this.key = key;
    }

    /// <summary>A caller without a client certificate.</summary>
    public static MeshTlsCaller Anonymous(MeshPod from) => new(from, null, null);

    /// <summary>A caller presenting <paramref name="issued"/> (written under <paramref name="directory"/>).</summary>
    public static MeshTlsCaller With(MeshPod from, IssuedKeyPair issued, string directory)
    {
        var dir = Path.Combine(directory, "callers", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var cert = Path.Combine(dir, "cert.pem");
        var key = Path.Combine(dir, "key.pem");
        File.WriteAllText(cert, issued.Certificate.CertificatePem);
        File.WriteAllText(key, issued.PrivateKeyPem);
        return new MeshTlsCaller(from, cert, key);
    }

    /// <summary>
    /// An HTTPS request to <paramref name="target"/> (a pod address and port, captured into the
    /// pod's inbound listener). The server's certificate is not checked here (<c>-k</c>): what is
    /// under test is whether the server accepts this caller.
    /// </summary>
    public async Task<CurlResult> CurlAsync(string target, string path, IReadOnlyList<string>? extra = null, CancellationToken ct = default)
    {
        List<string> args = ["-k", "--path-as-is"];
        if (certificate is not null)
        {
            args.AddRange(["--cert", certificate, "--key", key!]);
        }

        args.AddRange(extra ?? []);
        return await from.CurlAsync($"https://{target}{path}", maxSeconds: 4, extra: args, ct: ct);
    }

    /// <summary>The serial number (upper-case hex) of the certificate the server at <paramref name="target"/> presents.</summary>
    public async Task<string> ServerSerialAsync(string target, CancellationToken ct = default)
    {
        List<string> args = ["openssl", "s_client", "-connect", target, "-showcerts"];
        if (certificate is not null)
        {
            args.AddRange(["-cert", certificate, "-key", key!]);
        }

        var result = await from.RunAsync(TimeSpan.FromSeconds(10), ["sh", "-c", string.Join(' ', args.Select(Quote)) + " </dev/null 2>/dev/null"], ct);
        var pem = result.Stdout;
        var start = pem.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        var end = pem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            throw new InvalidOperationException($"the server at {target} presented no certificate: {result}");
        }

        using var presented = X509Certificate2.CreateFromPem(pem.AsSpan(start, end + "-----END CERTIFICATE-----".Length - start));
        return presented.SerialNumber.ToUpper(CultureInfo.InvariantCulture);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
