namespace Junction.ApiServer.Tokens;

/// <summary>TokenReview's status.user for a ServiceAccount token.</summary>
internal sealed record ServiceAccountUser(string Username, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, string> Extra);
