using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tokens;

/// <summary>
/// The server's ServiceAccount token key: an ES256 key made at start, named (kid) as kube-apiserver names its
/// keys, base64url(SHA-256(the DER public key)). Signs claims into compact JWTs and verifies them.
/// </summary>
internal sealed class ServiceAccountSigner : IDisposable
{
    /// <summary>go-jose's text for any signature that does not verify; TokenReview reports it verbatim.</summary>
    public const string CryptoFailure = "go-jose/go-jose: error in cryptographic primitive";

    /// <summary>kube-apiserver's text when no public key carries the token's kid.</summary>
    public const string NoKeys = "invalid signature, no keys found";

    private const string Algorithm = "ES256";
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    // ECDsa promises nothing about concurrent use of one instance; requests sign and verify in parallel.
    private readonly Lock gate = new();

    public ServiceAccountSigner()
    {
        KeyId = Base64Url.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    public string KeyId { get; }

    public string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = Algorithm, ["kid"] = KeyId };
        var input = $"{Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        byte[] signature;
        lock (gate)
        {
            signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        return $"{input}.{Base64Url.Encode(signature)}";
    }

    /// <summary>Null when the signature is this key's; otherwise the error kube-apiserver gives.</summary>
    public string? SignatureError(CompactJwt jwt)
    {
        // Like kube-apiserver's key lookup: a kid selects the keys with that id, no kid tries every key.
        if (jwt.Header["kid"] is JsonValue kid && kid.TryGetValue<string>(out var id) && id.Length > 0 && id != KeyId)
        {
            return NoKeys;
        }

        var alg = jwt.Header["alg"] is JsonValue a && a.TryGetValue<string>(out var name) ? name : string.Empty;
        if (alg != Algorithm)
        {
            return CryptoFailure;
        }

        lock (gate)
        {
            return key.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) ? null : CryptoFailure;
        }
    }

    public void Dispose() => key.Dispose();
}
