using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Junction.Agent.Tests.Fakes;

/// <summary>A CA for one test: it signs the fake operator's serving certificate and the agent's identities.</summary>
internal sealed class TestCa : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private long serial = 1;

    public TestCa(string name)
    {
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Certificate { get; }

    public string Pem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>A serving certificate for 127.0.0.1 with its key, for Kestrel.</summary>
    public X509Certificate2 ServerCertificate()
    {
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.Create(Certificate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(2), NextSerial());
        using var withKey = cert.CopyWithPrivateKey(serverKey);
        // Kestrel on Linux wants a certificate whose key is not ephemeral.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Signs a PKCS#10 request for <paramref name="lifetime"/>, with a SPIFFE id as the identity.</summary>
    public X509Certificate2 Sign(string csrPem, string spiffeId, TimeSpan lifetime)
    {
        var request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        var signed = new CertificateRequest(new X500DistinguishedName("CN=" + spiffeId), request.PublicKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(spiffeId));
        san.AddIpAddress(IPAddress.Loopback);
        signed.CertificateExtensions.Add(san.Build());
        var notBefore = DateTimeOffset.UtcNow.AddSeconds(-1);
        return signed.Create(Certificate, notBefore, notBefore + lifetime, NextSerial());
    }

    public void Dispose()
    {
        Certificate.Dispose();
        key.Dispose();
    }

    private byte[] NextSerial() => BitConverter.GetBytes(Interlocked.Increment(ref serial)).Reverse().ToArray();
}
