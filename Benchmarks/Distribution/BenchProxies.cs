using Junction.Distribution;
using Junction.Mesh.Sidecar;

namespace Junction.Benchmarks.Distribution;

/// <summary>
/// The simulated cluster of the distribution bench: gateway <c>bench/p&lt;i&gt;-proxy</c> runs as
/// ServiceAccount <c>proxy-&lt;i&gt;</c>, whose token is <c>token-&lt;i&gt;</c>, for pod <c>p&lt;i&gt;-proxy-0</c>.
/// </summary>
internal sealed class BenchProxies : ITokenReviewer, IDistributionView
{
    public const string Namespace = "bench";

    public static string Token(int i) => "token-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Deployment(int i) => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-proxy";

    public static string Pod(int i) => Deployment(i) + "-0";

    public Task<TokenReviewResult> ReviewAsync(string token, CancellationToken cancellationToken) =>
        Task.FromResult<TokenReviewResult>(token.StartsWith("token-", StringComparison.Ordinal)
            ? new TokenAccepted(ProxyCaller.From($"system:serviceaccount:{Namespace}:proxy-{token[6..]}", "p" + token[6..] + "-proxy-0"))
            : new TokenRefused("unknown token"));

    public string? GatewayServiceAccount(string @namespace, string name) =>
        @namespace == Namespace && name.StartsWith('p') && name.EndsWith("-proxy", StringComparison.Ordinal) ? "proxy-" + name[1..^6] : null;

    public IReadOnlyDictionary<string, string>? PodLabels(string @namespace, string pod) => null;

    public SidecarInputs SidecarInputs() => new([], [], []);
}
