namespace Junction.ApiServer.Tokens;

/// <summary>The token was refused; Error is kube-apiserver's text (null when no authenticator had one).</summary>
internal sealed record Unauthenticated(string? Error) : ReviewOutcome;
