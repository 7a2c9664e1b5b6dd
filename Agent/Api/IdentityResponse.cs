namespace Junction.Agent.Api;

/// <summary>The operator's answer to an identity request.</summary>
/// <param name="Certificate">PEM leaf certificate followed by its chain.</param>
/// <param name="CaBundle">PEM trust bundle the proxy verifies peers with.</param>
/// <param name="NotAfter">When the leaf expires.</param>
internal sealed record IdentityResponse(string Certificate, string CaBundle, DateTimeOffset NotAfter);
