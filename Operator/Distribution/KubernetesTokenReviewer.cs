using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Junction.Distribution;

/// <summary>
/// Reviews tokens with the API server's TokenReview (<c>authentication.k8s.io/v1</c>) for audience
/// <c>junction</c>, as kube-apiserver answers it: a token of another audience, expired or of a
/// deleted pod is not authenticated. The operator's ServiceAccount needs <c>create</c> on
/// <c>tokenreviews</c>.
/// </summary>
internal sealed class KubernetesTokenReviewer(IKubernetes client) : ITokenReviewer
{
    /// <summary>The audience proxies' projected tokens are issued for.</summary>
    public const string Audience = "junction";

    /// <summary>The <c>user.extra</c> key of a bound token's pod name.</summary>
    public const string PodNameExtra = "authentication.kubernetes.io/pod-name";

    /// <inheritdoc />
    public async Task<TokenReviewResult> ReviewAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        V1TokenReview review;
        try
        {
            review = await client.AuthenticationV1.CreateTokenReviewAsync(
                new V1TokenReview
                {
                    ApiVersion = "authentication.k8s.io/v1",
                    Kind = "TokenReview",
                    Spec = new V1TokenReviewSpec { Token = token, Audiences = [Audience] },
                },
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new TokenReviewUnavailableException("the API server did not review the token: " + e.Message, e);
        }

        return Interpret(review);
    }

    /// <summary>The verdict of a TokenReview's status.</summary>
    public static TokenReviewResult Interpret(V1TokenReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var status = review.Status;
        if (status is not { Authenticated: true } || status.User?.Username is not { Length: > 0 } username)
        {
            return new TokenRefused(status?.Error is { Length: > 0 } error ? error : "the token is not authenticated");
        }

        // kube-apiserver returns the audiences the token is valid for among those asked; none means another audience.
        if (status.Audiences is { Count: > 0 } audiences && !audiences.Contains(Audience))
        {
            return new TokenRefused($"the token is not for audience \"{Audience}\"");
        }

        string? pod = null;
        if (status.User.Extra is { } extra && extra.TryGetValue(PodNameExtra, out var pods) && pods is { Count: > 0 })
        {
            pod = pods.First();
        }

        return new TokenAccepted(ProxyCaller.From(username, pod));
    }
}
