namespace Junction.ApiServer.Tokens;

/// <summary>spec.boundObjectRef of a TokenRequest: the object whose lifetime limits the token's.</summary>
internal sealed record BoundObjectReference(string Kind, string ApiVersion, string Name, string Uid);
