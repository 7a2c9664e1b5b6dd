namespace Junction.Ir;

/// <summary>What the inbound side of a sidecar accepts.</summary>
internal enum MtlsMode
{
    /// <summary>mTLS and plaintext on one port; plaintext callers carry no identity.</summary>
    Permissive,
    /// <summary>Only mTLS with a certificate of the mesh CA.</summary>
    Strict,
    /// <summary>Only plaintext; TLS is passed to the application untouched.</summary>
    Disabled,
}
