using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Junction.Mesh.Identity;

/// <summary>
/// cert-manager as the issuer of workload identities. For each CSR Junction has accepted (it names exactly
/// the authenticated identity: CN <c>&lt;sa&gt;.&lt;ns&gt;</c>, the SPIFFE URI and nothing else, because
/// cert-manager's issuers copy the names of the request) it creates a <c>cert-manager.io/v1</c>
/// CertificateRequest in the operator's namespace, waits (bounded poll on the <see cref="TimeProvider"/>)
/// until cert-manager approves and signs it, denies it, or fails it, checks the certificate (same key,
/// same identity, chains to the trust bundle), and deletes the request in every case: it is one-shot,
/// and cert-manager does not remove requests nobody owns.
/// Approval: cert-manager's built-in approver approves every request for issuers of group
/// <c>cert-manager.io</c>; with approver-policy instead, a CertificateRequestPolicy must allow what these
/// requests carry (see config/cert-manager/README.md).
/// </summary>
internal sealed class CertManagerIssuer(
    ICertificateRequestApi api,
    CertManagerIssuerOptions options,
    CertManagerTrustBundle trust,
    TimeProvider time,
    ILogger<CertManagerIssuer> logger) : IWorkloadCertificateIssuer
{
    /// <summary>The label every request of Junction's carries, with <c>app.kubernetes.io/managed-by=junction</c>.</summary>
    public const string ComponentLabel = "app.kubernetes.io/component";

    /// <summary>The component label's value.</summary>
    public const string ComponentValue = "workload-identity";

    /// <summary>The annotation naming the identity a request is for.</summary>
    public const string IdentityAnnotation = "traffic.junction.dev/spiffe-id";

    /// <summary>What every request asks for: the key usages of a TLS client and server certificate.</summary>
    public static readonly IReadOnlyList<string> Usages = ["digital signature", "key encipherment", "client auth", "server auth"];

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public string Description => $"cert-manager {options.Issuer}";

    /// <inheritdoc />
    public async Task<IssuedWorkloadCertificate> IssueAsync(WorkloadIdentity identity, string csrPem, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, options.MaxLifetime);
        var csr = WorkloadCsr.Read(csrPem);
        CertificateAuthority.RequireStrongKey(csr.PublicKey);
        if (csr.MismatchFor(identity) is { } mismatch)
        {
            throw new SigningRefusedException(mismatch + " (cert-manager issues the names of the request, so it must name exactly the caller)");
        }

        var created = await api.CreateAsync(options.Namespace, Request(identity, csrPem, lifetime), cancellationToken).ConfigureAwait(false);
        var name = created["metadata"]?["name"]?.GetValue<string>()
            ?? throw new CertificateIssuanceException("the API server answered the CertificateRequest create without a name");
        var qualified = $"{options.Namespace}/{name}";
        try
        {
            var ready = await WaitAsync(qualified, name, cancellationToken).ConfigureAwait(false);
            var issued = await ReadIssuedAsync(qualified, ready, identity, csr, cancellationToken).ConfigureAwait(false);
            CertManagerLog.Issued(logger, identity.SpiffeId, qualified, options.Issuer.ToString(), issued.NotAfter.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            return issued;
        }
        catch (CertificateIssuanceException e)
        {
            CertManagerLog.NotIssued(logger, identity.SpiffeId, qualified, e.Message);
            throw;
        }
        finally
        {
            // Also when the caller gave up: the request must not stay behind.
            using var cleanup = new CancellationTokenSource(CleanupTimeout, time);
            try
            {
                await api.DeleteAsync(options.Namespace, name, cleanup.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                CertManagerLog.CleanupFailed(logger, qualified, e.Message);
            }
        }
    }

    /// <summary>Go's duration syntax, which <c>spec.duration</c> (a metav1.Duration) is parsed with.</summary>
    public static string GoDuration(TimeSpan lifetime) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)lifetime.TotalHours}h{lifetime.Minutes}m{lifetime.Seconds}s");

    private JsonObject Request(WorkloadIdentity identity, string csrPem, TimeSpan lifetime)
    {
        // generateName: several requests for one identity may be in flight (renewals, restarts).
        var prefix = "junction-" + identity.CommonName.Replace('.', '-').ToLowerInvariant();
        if (prefix.Length > 58)
        {
            prefix = prefix[..58];
        }

        return new JsonObject
        {
            ["apiVersion"] = $"{CertificateRequestClient.Group}/{CertificateRequestClient.Version}",
            ["kind"] = "CertificateRequest",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = prefix.TrimEnd('-') + "-",
                ["namespace"] = options.Namespace,
                ["labels"] = new JsonObject
                {
                    ["app.kubernetes.io/managed-by"] = "junction",
                    [ComponentLabel] = ComponentValue,
                },
                ["annotations"] = new JsonObject { [IdentityAnnotation] = identity.SpiffeId },
            },
            ["spec"] = new JsonObject
            {
                ["request"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(csrPem)),
                ["issuerRef"] = new JsonObject
                {
                    ["name"] = options.Issuer.Name,
                    ["kind"] = options.Issuer.Kind,
                    ["group"] = CertManagerIssuerReference.Group,
                },
                ["duration"] = GoDuration(lifetime),
                ["usages"] = new JsonArray([.. Usages.Select(u => JsonValue.Create(u))]),
                ["isCA"] = false,
            },
        };
    }

    private async Task<JsonObject> WaitAsync(string qualified, string name, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.Timeout;
        var interval = options.PollInterval;
        JsonObject? last = null;
        while (true)
        {
            last = await api.GetAsync(options.Namespace, name, ct).ConfigureAwait(false) ?? throw new CertificateIssuanceException(
                $"CertificateRequest {qualified} was deleted before cert-manager issued it");
            var conditions = Conditions(last);
            if (conditions.TryGetValue("Denied", out var denied) && denied.Status == "True")
            {
                throw new CertificateIssuanceException($"CertificateRequest {qualified} was denied ({denied.Reason}): {denied.Message}");
            }

            if (conditions.TryGetValue("InvalidRequest", out var invalid) && invalid.Status == "True")
            {
                throw new CertificateIssuanceException($"CertificateRequest {qualified} is invalid for {options.Issuer} ({invalid.Reason}): {invalid.Message}");
            }

            if (conditions.TryGetValue("Ready", out var ready))
            {
                if (ready.Status == "True")
                {
                    return last;
                }

                if (ready.Reason is "Failed" or "Denied")
                {
                    throw new CertificateIssuanceException($"CertificateRequest {qualified} failed ({ready.Reason}): {ready.Message}");
                }
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new CertificateIssuanceException($"CertificateRequest {qualified} was not issued within {options.Timeout.TotalSeconds:0.#} s: {Pending(conditions)}");
            }

            await Task.Delay(interval < left ? interval : left, time, ct).ConfigureAwait(false);
            interval = interval * 2 < options.MaxPollInterval ? interval * 2 : options.MaxPollInterval;
        }
    }

    private string Pending(Dictionary<string, Condition> conditions)
    {
        if (!conditions.TryGetValue("Approved", out var approved) || approved.Status != "True")
        {
            return $"nobody approved it (is cert-manager's approver running, or, with approver-policy, does a CertificateRequestPolicy allow Junction's requests for {options.Issuer}?)";
        }

        return conditions.TryGetValue("Ready", out var ready)
            ? $"approved, but {options.Issuer} has not signed it yet (Ready={ready.Status} {ready.Reason}: {ready.Message})"
            : $"approved, but {options.Issuer} has not picked it up (does the issuer exist, and is it Ready?)";
    }

    private async Task<IssuedWorkloadCertificate> ReadIssuedAsync(string qualified, JsonObject request, WorkloadIdentity identity, WorkloadCsr csr, CancellationToken ct)
    {
        var status = request["status"] as JsonObject;
        var certificate = Decode(status?["certificate"], qualified, "status.certificate")
            ?? throw new CertificateIssuanceException($"CertificateRequest {qualified} is Ready but has no status.certificate");
        var ca = Decode(status?["ca"], qualified, "status.ca");
        var chain = new X509Certificate2Collection();
        try
        {
            try
            {
                chain.ImportFromPem(certificate);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new CertificateIssuanceException($"CertificateRequest {qualified}: status.certificate is not PEM certificates: {e.Message}", e);
            }

            if (chain.Count == 0)
            {
                throw new CertificateIssuanceException($"CertificateRequest {qualified}: status.certificate holds no certificate");
            }

            var leaf = chain[0];
            RequireIssuedAsAsked(qualified, leaf, identity, csr);
            var bundle = await trust.AcceptAsync(qualified, chain, ca, ct).ConfigureAwait(false);
            var chainPem = string.Concat(chain.Select(c => c.ExportCertificatePem() + "\n"));
            return new IssuedWorkloadCertificate(
                identity,
                chainPem,
                bundle,
                new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }
        finally
        {
            foreach (var c in chain)
            {
                c.Dispose();
            }
        }
    }

    // An issuer may change what it signs (the API allows it); a certificate for another key or another
    // name would be useless at best and an identity forgery at worst, so it is refused, not handed out.
    private static void RequireIssuedAsAsked(string qualified, X509Certificate2 leaf, WorkloadIdentity identity, WorkloadCsr csr)
    {
        if (!leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(csr.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            throw new CertificateIssuanceException($"CertificateRequest {qualified}: the issued certificate is for another public key than the CSR's");
        }

        var uris = new List<string>();
        var others = new List<string>();
        foreach (var extension in leaf.Extensions.Where(e => e.Oid?.Value == "2.5.29.17"))
        {
            WorkloadCsr.ReadGeneralNames(extension.RawData, uris, others);
        }

        if (uris.Count != 1 || uris[0] != identity.SpiffeId || others.Count > 0)
        {
            throw new CertificateIssuanceException(
                $"CertificateRequest {qualified}: the issued certificate names [{string.Join(", ", uris.Concat(others))}], not only {identity.SpiffeId}");
        }

        if (leaf.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            throw new CertificateIssuanceException($"CertificateRequest {qualified}: the issued certificate is a CA certificate");
        }
    }

    private static string? Decode(JsonNode? node, string qualified, string field)
    {
        if (node is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(node.GetValue<string>()));
            return text.Length == 0 ? null : text;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new CertificateIssuanceException($"CertificateRequest {qualified}: {field} is not base64: {e.Message}", e);
        }
    }

    private static Dictionary<string, Condition> Conditions(JsonObject request)
    {
        var result = new Dictionary<string, Condition>(StringComparer.Ordinal);
        if (request["status"]?["conditions"] is JsonArray conditions)
        {
            foreach (var c in conditions.OfType<JsonObject>())
            {
                if (c["type"]?.GetValue<string>() is { } type)
                {
                    result[type] = new Condition(c["status"]?.GetValue<string>() ?? "", c["reason"]?.GetValue<string>() ?? "", c["message"]?.GetValue<string>() ?? "");
                }
            }
        }

        return result;
    }

    private sealed record Condition(string Status, string Reason, string Message);
}
