namespace Junction.Distribution;

/// <summary>The body of <c>POST /v1/identity</c>.</summary>
/// <param name="Csr">A PEM PKCS#10 request; only its public key is used.</param>
internal sealed record IdentityRequestBody(string? Csr);
