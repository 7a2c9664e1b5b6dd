using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Junction.Injection;

/// <summary>
/// The serving certificate cert-manager issues into a Secret mounted at a directory (tls.crt,
/// tls.key): read at start and again whenever the files change (the kubelet swaps them in when
/// cert-manager renews), checked every <c>checkEvery</c>. Null until the files can be read.
/// </summary>
internal sealed class MountedCertificate : IDisposable
{
    private readonly string directory;
    private readonly ILogger logger;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private X509Certificate2? current;
    private X509Certificate2? previous;
    private string loaded = "";

    /// <summary>Reads the files now and then every <paramref name="checkEvery"/> (default a minute).</summary>
    public MountedCertificate(string directory, TimeProvider time, ILogger<MountedCertificate> logger, TimeSpan? checkEvery = null)
    {
        this.directory = directory;
        this.logger = logger;
        Reload();
        var every = checkEvery ?? TimeSpan.FromMinutes(1);
        timer = time.CreateTimer(_ => Reload(), null, every, every);
    }

    /// <summary>The certificate to serve, or null while the files are missing or unreadable.</summary>
    public X509Certificate2? Current => Volatile.Read(ref current);

    /// <summary>Reads the files again and swaps the certificate in when they changed.</summary>
    public void Reload()
    {
        string certificatePem, keyPem;
        try
        {
            certificatePem = File.ReadAllText(Path.Combine(directory, "tls.crt"));
            keyPem = File.ReadAllText(Path.Combine(directory, "tls.key"));
        }
        catch (IOException e)
        {
            InjectionLog.CertificateFailed(logger, e.Message);
            return;
        }
        catch (UnauthorizedAccessException e)
        {
            InjectionLog.CertificateFailed(logger, e.Message);
            return;
        }

        var content = certificatePem + keyPem;
        lock (gate)
        {
            if (content == loaded)
            {
                return;
            }
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            InjectionLog.CertificateFailed(logger, $"{directory}/tls.crt and tls.key: {e.Message}");
            return;
        }

        lock (gate)
        {
            // The one before the previous is disposed: a handshake may still use the previous.
            previous?.Dispose();
            previous = current;
            Volatile.Write(ref current, certificate);
            loaded = content;
        }

        InjectionLog.CertificateLoaded(logger, directory, certificate.NotAfter.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
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
