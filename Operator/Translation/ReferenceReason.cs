namespace Junction.Translation;

/// <summary>Why a reference does not resolve; the names are the ResolvedRefs condition reasons.</summary>
internal enum ReferenceReason
{
    /// <summary>The referenced Service does not exist.</summary>
    BackendNotFound,
    /// <summary>The Service exists but has no such port.</summary>
    PortNotFound,
    /// <summary>The TLS Secret does not exist.</summary>
    SecretNotFound,
    /// <summary>spec.mtls.mode is Strict in Gateway mode and a backend runs no sidecar (no Sidecar-mode policy covers it).</summary>
    BackendNotMeshed,
}
