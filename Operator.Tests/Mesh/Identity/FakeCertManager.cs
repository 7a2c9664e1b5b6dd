using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Junction.Mesh.Identity;
using k8s;

namespace Junction.Tests.Mesh.Identity;

/// <summary>
/// Plays cert-manager against the embedded API server: watches (polls) the CertificateRequests of a
/// namespace and, per its <see cref="Behaviour"/>, approves and signs them with its own test CA the way
/// cert-manager's CA issuer does (subject and subjectAltName copied from the CSR, spec.duration honoured),
/// denies them, fails them, or leaves them unapproved. It is the external controller Junction talks to.
/// </summary>
internal sealed partial class FakeCertManager : IAsyncDisposable
{
    private readonly IKubernetes client;
    private readonly string ns;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly HashSet<string> handled = [];
    private readonly List<JsonObject> seen = [];

    public FakeCertManager(IKubernetes client, string ns, string caName = "Fake cert-manager CA")
    {
        this.client = client;
        this.ns = ns;
        var request = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    public enum Mode
    {
        /// <summary>Approve, then sign (Ready=True with status.certificate and status.ca).</summary>
        Sign,

        /// <summary>The approver denies (Denied=True, Ready=False reason Denied).</summary>
        Deny,

        /// <summary>Approve, then the issuer fails (Ready=False reason Failed).</summary>
        Fail,

        /// <summary>No approver runs: the request stays pending.</summary>
        Ignore,

        /// <summary>Approve and sign, but for a SPIFFE ID other than the request's.</summary>
        SignOtherName,

        /// <summary>Approve and sign, without status.ca (issuers set it best-effort).</summary>
        SignWithoutCa,
    }

    public Mode Behaviour { get; set; } = Mode.Sign;

    public X509Certificate2 Ca { get; }

    public string CaPem => Ca.ExportCertificatePem() + "\n";

    /// <summary>The requests as they were when first seen, in order.</summary>
    public IReadOnlyList<JsonObject> Seen
    {
        get
        {
            lock (seen)
            {
                return [.. seen];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
        Ca.Dispose();
        caKey.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(CertificateRequestClient.Group, CertificateRequestClient.Version, ns, CertificateRequestClient.Plural, cancellationToken: ct);
                foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var name = item["metadata"]!["name"]!.GetValue<string>();
                    if (!handled.Add(name))
                    {
                        continue;
                    }

                    lock (seen)
                    {
                        seen.Add((JsonObject)item.DeepClone());
                    }

                    if (Behaviour != Mode.Ignore)
                    {
                        item["status"] = Status(item);
                        await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(item, CertificateRequestClient.Group, CertificateRequestClient.Version, ns, CertificateRequestClient.Plural, name, cancellationToken: ct);
                    }
                }

                await Task.Delay(20, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private JsonObject Status(JsonObject request)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        JsonObject Condition(string type, string status, string reason, string message) =>
            new() { ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message, ["lastTransitionTime"] = now };
        switch (Behaviour)
        {
            case Mode.Deny:
                return new JsonObject
                {
                    ["conditions"] = new JsonArray(
                        Condition("Denied", "True", "policy.cert-manager.io", "No policy approved this request: [junction-mesh: spec.allowed.uris: Invalid value]"),
                        Condition("Ready", "False", "Denied", "The CertificateRequest was denied by an approval controller")),
                    ["failureTime"] = now,
                };
            case Mode.Fail:
                return new JsonObject
                {
                    ["conditions"] = new JsonArray(
                        Condition("Approved", "True", "cert-manager.io", "Certificate request has been approved by cert-manager.io"),
                        Condition("Ready", "False", "Failed", "Failed to sign certificate: issuer secret not found")),
                    ["failureTime"] = now,
                };
            default:
                var certificate = Sign(request);
                var status = new JsonObject
                {
                    ["conditions"] = new JsonArray(
                        Condition("Approved", "True", "cert-manager.io", "Certificate request has been approved by cert-manager.io"),
                        Condition("Ready", "True", "Issued", "Certificate fetched from issuer successfully")),
                    ["certificate"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate)),
                };
                if (Behaviour != Mode.SignWithoutCa)
                {
                    status["ca"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(CaPem));
                }

                return status;
        }
    }

    // Like cert-manager's CA issuer: the template comes from the CSR (subject, SANs), lifetime from spec.duration.
    private string Sign(JsonObject request)
    {
        var spec = request["spec"]!;
        var pem = Encoding.ASCII.GetString(Convert.FromBase64String(spec["request"]!.GetValue<string>()));
        var csr = System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        var leaf = new CertificateRequest(csr.SubjectName, csr.PublicKey, HashAlgorithmName.SHA256);
        leaf.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leaf.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        leaf.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], false));
        if (Behaviour == Mode.SignOtherName)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddUri(new Uri("spiffe://cluster.local/ns/kube-system/sa/admin"));
            leaf.CertificateExtensions.Add(names.Build());
        }
        else
        {
            foreach (var extension in csr.CertificateExtensions.Where(e => e.Oid?.Value == "2.5.29.17"))
            {
                leaf.CertificateExtensions.Add(extension);
            }
        }

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = leaf.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-1), now + Duration(spec["duration"]?.GetValue<string>() ?? "2160h"), serial);
        return signed.ExportCertificatePem() + "\n";
    }

    private static TimeSpan Duration(string go)
    {
        var match = GoDuration().Match(go);
        if (!match.Success)
        {
            throw new FormatException($"not a Go duration: {go}");
        }

        static int Part(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(Part(match.Groups[1]), Part(match.Groups[2]), Part(match.Groups[3]));
    }

    [GeneratedRegex(@"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")]
    private static partial Regex GoDuration();
}
