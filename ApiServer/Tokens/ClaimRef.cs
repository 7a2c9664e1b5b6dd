namespace Junction.ApiServer.Tokens;

/// <summary>An object named in a token's kubernetes.io claim: name and uid (either may be empty and is then left out).</summary>
internal sealed record ClaimRef(string Name, string Uid);
