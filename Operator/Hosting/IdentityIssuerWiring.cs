using System.Text;
using Junction.Mesh.Identity;
using Junction.Reconciliation;
using k8s;
using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>Builds the issuer of workload identities that --identity-issuer names, and the trust bundle that goes with it.</summary>
internal static class IdentityIssuerWiring
{
    /// <summary>The trust bundle source for cert-manager; null when Junction's CA issues (its bundle comes from the CA Secret).</summary>
    public static CertManagerTrustBundle? TrustBundle(OperatorOptions options, IKubernetes client, TimeProvider time)
    {
        if (options.IdentityIssuer != IdentityIssuerKind.CertManager)
        {
            return null;
        }

        if (options.CertManagerCaSecret is not { } secret)
        {
            return new CertManagerTrustBundle(null, null, time);
        }

        var slash = secret.IndexOf('/', StringComparison.Ordinal);
        var (ns, name) = (secret[..slash], secret[(slash + 1)..]);
        return new CertManagerTrustBundle(secret, async ct =>
        {
            try
            {
                var read = await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct).ConfigureAwait(false);
                return read.Data is { } data && data.TryGetValue(CertManagerTrustBundle.CaKey, out var ca) ? Encoding.UTF8.GetString(ca) : null;
            }
            catch (Exception e) when (ApiErrors.IsNotFound(e))
            {
                return null;
            }
        }, time);
    }

    /// <summary>The issuer: cert-manager when configured, else Junction's CA.</summary>
    public static IWorkloadCertificateIssuer Issuer(OperatorOptions options, IKubernetes client, CaBootstrap ca, CertManagerTrustBundle? trust, TimeProvider time, ILoggerFactory loggers)
    {
        if (options.IdentityIssuer != IdentityIssuerKind.CertManager)
        {
            return new JunctionCaIssuer(ca);
        }

        var issuer = options.CertManagerIssuer
            ?? throw new InvalidOperationException("--identity-issuer=cert-manager needs --cert-manager-issuer");
        return new CertManagerIssuer(
            new CertificateRequestClient(client),
            new CertManagerIssuerOptions { Issuer = issuer, Namespace = options.OperatorNamespace },
            trust!,
            time,
            loggers.CreateLogger<CertManagerIssuer>());
    }
}
