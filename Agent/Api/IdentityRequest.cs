namespace Junction.Agent.Api;

/// <summary>The body of <c>POST /v1/identity</c>: a PKCS#10 request whose public key the operator signs.</summary>
/// <param name="Csr">The PEM certificate signing request.</param>
internal sealed record IdentityRequest(string Csr);
