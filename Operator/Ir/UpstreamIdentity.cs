namespace Junction.Ir;

/// <summary>The identity the endpoints of one backend Service must present.</summary>
/// <param name="ServiceName">The backend Service.</param>
/// <param name="CommonName">
/// The certificate CN (<c>&lt;sa&gt;.&lt;ns&gt;</c>) checked with verifyhost when the Service's workloads
/// run as exactly one known service account; null checks the CA only.
/// </param>
internal sealed record UpstreamIdentity(string ServiceName, string? CommonName);
