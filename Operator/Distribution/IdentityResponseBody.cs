namespace Junction.Distribution;

/// <summary>The answer of <c>POST /v1/identity</c>.</summary>
/// <param name="Certificate">The signed leaf (and chain), PEM.</param>
/// <param name="CaBundle">The roots to verify peers with, PEM.</param>
/// <param name="NotAfter">When the leaf expires, RFC 3339.</param>
internal sealed record IdentityResponseBody(string Certificate, string CaBundle, string NotAfter);
