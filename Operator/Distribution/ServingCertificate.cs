using System.Security.Cryptography.X509Certificates;
using Junction.Mesh.Identity;
using Microsoft.Extensions.Logging;

namespace Junction.Distribution;

/// <summary>
/// The proxy API's TLS certificate, signed by Junction's CA, handed to Kestrel per handshake
/// (<c>ServerCertificateSelector</c>), so a renewal needs no restart: a timer issues a new one
/// after half its lifetime, and <see cref="Renew"/> issues one at once (the CA changed).
/// Null until the CA is loaded: handshakes fail until then, and agents retry.
/// </summary>
internal sealed class ServingCertificate : IDisposable
{
    private readonly Func<CertificateAuthority?> authority;
    private readonly string commonName;
    private readonly IReadOnlyList<string> dnsNames;
    private readonly IReadOnlyList<System.Net.IPAddress> addresses;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private X509Certificate2? current;
    private X509Certificate2? previous;
    private DateTimeOffset renewAfter = DateTimeOffset.MinValue;

    /// <summary>
    /// Creates the certificate source; it checks every <paramref name="checkEvery"/> (default a minute) whether a renewal is due.
    /// <paramref name="commonName"/> names the endpoint in the subject (the sidecar injector's webhook uses this class too).
    /// </summary>
    public ServingCertificate(Func<CertificateAuthority?> authority, IReadOnlyList<string> dnsNames, IReadOnlyList<System.Net.IPAddress> addresses, TimeProvider time, ILogger<ServingCertificate> logger, TimeSpan? checkEvery = null, string commonName = "junction-proxy-api")
    {
        this.authority = authority;
        this.commonName = commonName;
        this.dnsNames = dnsNames;
        this.addresses = addresses;
        this.time = time;
        this.logger = logger;
        var every = checkEvery ?? TimeSpan.FromMinutes(1);
        timer = time.CreateTimer(_ => RenewIfDue(), null, every, every);
    }

    /// <summary>The certificate to serve, or null before the CA is loaded.</summary>
    public X509Certificate2? Current => Volatile.Read(ref current);

    /// <summary>Issues a new certificate now; false when there is no CA yet.</summary>
    public bool Renew()
    {
        if (authority() is not { } ca)
        {
            return false;
        }

        var issued = ca.IssueServing(commonName, dnsNames, addresses);
        var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem, issued.PrivateKeyPem);
        lock (gate)
        {
            // The one before the previous is disposed: a handshake still using the previous may be in flight.
            previous?.Dispose();
            previous = current;
            Volatile.Write(ref current, certificate);
            renewAfter = issued.RenewAfter;
        }

        DistributionLog.CertificateIssued(logger, issued.NotAfter.ToString("O", System.Globalization.CultureInfo.InvariantCulture), string.Join(",", dnsNames.Concat(addresses.Select(a => a.ToString()))));
        return true;
    }

    /// <summary>Renews when there is none yet or half the lifetime has passed.</summary>
    public void RenewIfDue()
    {
        DateTimeOffset due;
        lock (gate)
        {
            due = current is null ? DateTimeOffset.MinValue : renewAfter;
        }

        if (time.GetUtcNow() >= due)
        {
            Renew();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        timer.Dispose();
        lock (gate)
        {
            current?.Dispose();
            previous?.Dispose();
        }
    }
}
