namespace Junction.Mesh.Identity;

/// <summary>
/// An issuer did not produce a certificate for a request Junction found acceptable: cert-manager
/// denied or failed it, or did not answer in time. The message names the request and the issuer's reason.
/// </summary>
internal sealed class CertificateIssuanceException : Exception
{
    /// <summary>Creates the exception with its reason.</summary>
    public CertificateIssuanceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public CertificateIssuanceException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a reason (serialisation and analyzers ask for it).</summary>
    public CertificateIssuanceException()
    {
    }
}
