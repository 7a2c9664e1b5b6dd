using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Junction.Mesh.Identity;

/// <summary>
/// A workload's PKCS#10 request, read and signature-checked: its key, the CNs of its subject and
/// every name of its subjectAltName. Also builds the request an agent sends (CN and SPIFFE URI only,
/// no key usage extensions, so that cert-manager's check of <c>spec.usages</c> against the CSR passes).
/// </summary>
internal sealed class WorkloadCsr
{
    private const string SubjectAltNameOid = "2.5.29.17";
    private const string CommonNameOid = "2.5.4.3";

    private WorkloadCsr(CertificateRequest request, IReadOnlyList<string> commonNames, IReadOnlyList<string> uris, IReadOnlyList<string> otherNames, bool asksForCa)
    {
        Request = request;
        CommonNames = commonNames;
        Uris = uris;
        OtherNames = otherNames;
        AsksForCa = asksForCa;
    }

    /// <summary>The parsed request; its signature has been verified.</summary>
    public CertificateRequest Request { get; }

    /// <summary>The request's public key.</summary>
    public PublicKey PublicKey => Request.PublicKey;

    /// <summary>The subject's common names (normally none or one).</summary>
    public IReadOnlyList<string> CommonNames { get; }

    /// <summary>The URI names of the subjectAltName.</summary>
    public IReadOnlyList<string> Uris { get; }

    /// <summary>Every other subjectAltName entry, as <c>DNS:x</c>, <c>IP:x</c>, <c>email:x</c> or <c>other[n]</c>.</summary>
    public IReadOnlyList<string> OtherNames { get; }

    /// <summary>Whether the request carries basicConstraints CA:TRUE.</summary>
    public bool AsksForCa { get; }

    /// <summary>Reads a PEM PKCS#10 request and verifies its signature.</summary>
    /// <exception cref="SigningRefusedException">Not a PEM request, or its signature does not verify.</exception>
    public static WorkloadCsr Read(string csrPem)
    {
        ArgumentNullException.ThrowIfNull(csrPem);
        CertificateRequest request;
        try
        {
            // LoadSigningRequestPem verifies the self-signature unless told to skip it.
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException e)
        {
            throw new SigningRefusedException($"csr: not a PEM PKCS#10 request with a valid signature: {e.Message}", e);
        }

        var commonNames = request.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(n => n.GetSingleElementType().Value == CommonNameOid)
            .Select(n => n.GetSingleElementValue() ?? "")
            .ToList();
        var uris = new List<string>();
        var others = new List<string>();
        try
        {
            foreach (var extension in request.CertificateExtensions.Where(e => e.Oid?.Value == SubjectAltNameOid))
            {
                ReadGeneralNames(extension.RawData, uris, others);
            }
        }
        catch (AsnContentException e)
        {
            throw new SigningRefusedException($"csr: subjectAltName is not valid DER: {e.Message}", e);
        }

        var asksForCa = request.CertificateExtensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
        return new WorkloadCsr(request, commonNames, uris, others, asksForCa);
    }

    /// <summary>
    /// The request an agent sends for <paramref name="identity"/>: subject <c>CN=&lt;sa&gt;.&lt;ns&gt;</c> and
    /// the SPIFFE ID as the only subjectAltName, signed with <paramref name="key"/>.
    /// </summary>
    public static string Create(WorkloadIdentity identity, AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var subject = new X500DistinguishedName("CN=" + identity.CommonName);
        var request = key switch
        {
            ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("the key must be ECDSA or RSA", nameof(key)),
        };
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(identity.SpiffeId));
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSigningRequestPem();
    }

    /// <summary>
    /// Whether the request names exactly <paramref name="identity"/> (CN <c>&lt;sa&gt;.&lt;ns&gt;</c> and the SPIFFE
    /// URI, nothing else, no CA); otherwise the reason, for issuers that copy names from the request.
    /// </summary>
    public string? MismatchFor(WorkloadIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (CommonNames.Count != 1 || CommonNames[0] != identity.CommonName)
        {
            return $"csr: the subject must be CN={identity.CommonName} (the caller's identity), not \"{string.Join(",", CommonNames.Select(c => "CN=" + c))}\"";
        }

        if (Uris.Count != 1 || Uris[0] != identity.SpiffeId)
        {
            return $"csr: subjectAltName must hold exactly the URI {identity.SpiffeId}, not [{string.Join(", ", Uris)}]";
        }

        if (OtherNames.Count > 0)
        {
            return $"csr: subjectAltName asks for {string.Join(", ", OtherNames)}; a workload certificate names only {identity.SpiffeId}";
        }

        return AsksForCa ? "csr: asks for basicConstraints CA:TRUE; a workload certificate is never a CA" : null;
    }

    /// <summary>Reads a GeneralNames sequence (RFC 5280 §4.2.1.6); .NET enumerates only its DNS names and IP addresses.</summary>
    internal static void ReadGeneralNames(byte[] rawSan, List<string> uris, List<string> others)
    {
        var reader = new AsnReader(rawSan, AsnEncodingRules.DER);
        var names = reader.ReadSequence();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                names.ReadEncodedValue();
                others.Add("other");
                continue;
            }

            switch (tag.TagValue)
            {
                case 1:
                    others.Add("email:" + names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                    break;
                case 2:
                    others.Add("DNS:" + names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                    break;
                case 6:
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                    break;
                case 7:
                    others.Add("IP:" + new System.Net.IPAddress(names.ReadOctetString(tag)));
                    break;
                default:
                    names.ReadEncodedValue();
                    others.Add($"other[{tag.TagValue}]");
                    break;
            }
        }
    }
}
