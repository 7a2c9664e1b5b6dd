namespace Junction.ApiServer.Tokens;

/// <summary>The token is valid for these audiences (the requested ones it carries) and names this user.</summary>
internal sealed record Authenticated(ServiceAccountUser User, IReadOnlyList<string> Audiences) : ReviewOutcome;
