namespace Junction.ApiServer.Tokens;

/// <summary>What the server's token authority says about itself: the issuer and the audiences of the API server.</summary>
/// <param name="Issuer">The iss claim (kube-apiserver's --service-account-issuer).</param>
/// <param name="ApiAudiences">kube-apiserver's --api-audiences: the default audience of a TokenRequest and of a TokenReview.</param>
internal sealed record ServiceAccountTokenOptions(string Issuer, IReadOnlyList<string> ApiAudiences);
