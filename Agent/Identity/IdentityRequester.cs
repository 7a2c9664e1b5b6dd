using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Junction.Agent.Api;

namespace Junction.Agent.Identity;

/// <summary>
/// Obtains the pod's identity: a fresh ECDSA P-256 key per request, a CSR that contributes only
/// its public key (the operator takes the identity from the token), and the files written
/// atomically with the key readable by the owner only.
/// </summary>
internal sealed class IdentityRequester
{
    private readonly OperatorClient client;
    private readonly TimeProvider time;

    /// <summary>Requests through <paramref name="client"/>; <paramref name="time"/> stamps when an identity arrived.</summary>
    public IdentityRequester(OperatorClient client, TimeProvider time)
    {
        this.client = client;
        this.time = time;
    }

    /// <summary>A new identity from the operator.</summary>
    public async Task<IssuedIdentity> RequestAsync(CancellationToken ct)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // No subject: the identity comes from the token, and the operator refuses a CSR naming anyone
        // else (the agent does not know the CN the operator derives, <serviceaccount>.<namespace>).
        var request = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256);
        var answer = await client.IdentityAsync(request.CreateSigningRequestPem(), ct);
        return IssuedIdentity.From(answer.Certificate, answer.CaBundle, answer.NotAfter, key.ExportPkcs8PrivateKeyPem(), time.GetUtcNow());
    }

    /// <summary>Writes tls.pem (mode 600) and ca.pem; true when ca.pem changed (a reload is needed then).</summary>
    public static bool Write(IssuedIdentity identity, string certificateFile, string caFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(certificateFile)!);
        var caChanged = !File.Exists(caFile) || File.ReadAllText(caFile) != identity.CaBundle;
        WriteAtomically(certificateFile, identity.CertificateAndKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (caChanged)
        {
            WriteAtomically(caFile, identity.CaBundle, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return caChanged;
    }

    private static void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, mode);
        }

        File.Move(temp, path, overwrite: true);
    }
}
