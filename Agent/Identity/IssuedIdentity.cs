using System.Security.Cryptography.X509Certificates;

namespace Junction.Agent.Identity;

/// <summary>An identity the operator issued: the PEM files HAProxy loads and when to renew.</summary>
/// <param name="CertificateAndKey">tls.pem: the leaf, its chain, then the private key.</param>
/// <param name="CaBundle">ca.pem.</param>
/// <param name="NotBefore">The leaf's start of validity.</param>
/// <param name="NotAfter">The leaf's end of validity.</param>
internal sealed record IssuedIdentity(string CertificateAndKey, string CaBundle, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>
    /// When the agent received it (null: <see cref="NotBefore"/>). Issuers back-date NotBefore for
    /// clock skew (Junction's CA by 5 minutes); counted from there, a short-lived leaf would be due
    /// for renewal the moment it arrives.
    /// </summary>
    public DateTimeOffset? Received { get; init; }

    /// <summary>Two thirds into the lifetime left when it arrived: a renewal that fails has a third of it left to retry.</summary>
    public DateTimeOffset RenewAt
    {
        get
        {
            var start = Received is { } r && r > NotBefore && r < NotAfter ? r : NotBefore;
            return start + ((NotAfter - start) * 2 / 3);
        }
    }

    /// <summary>Builds the identity from the operator's answer and the key the CSR was made with.</summary>
    public static IssuedIdentity From(string certificatePem, string caBundle, DateTimeOffset notAfter, string privateKeyPem, DateTimeOffset received)
    {
        using var leaf = X509Certificate2.CreateFromPem(certificatePem);
        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime());
        var end = notAfter < new DateTimeOffset(leaf.NotAfter.ToUniversalTime()) ? notAfter : new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
        var pem = certificatePem.TrimEnd('\n') + "\n" + privateKeyPem.TrimEnd('\n') + "\n";
        return new IssuedIdentity(pem, caBundle.TrimEnd('\n') + "\n", notBefore, end) { Received = received };
    }
}
