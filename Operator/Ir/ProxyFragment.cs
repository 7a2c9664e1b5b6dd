namespace Junction.Ir;

/// <summary>
/// Everything one policy asks of a proxy, with every default applied and every reference resolved.
/// The HAProxy writer takes a list of fragments (several policies may share one proxy), so every
/// name derived from a fragment starts with <see cref="NamePrefix"/>, which is unique per policy.
/// </summary>
/// <param name="Namespace">The policy's namespace.</param>
/// <param name="PolicyName">The policy's name.</param>
/// <param name="NamePrefix">Sanitized, collision-free prefix for proxy-internal names (see <see cref="ProxyNames"/>).</param>
/// <param name="Mode">Gateway, Sidecar or None.</param>
/// <param name="Protocol">The application protocol on both sides of the proxy.</param>
/// <param name="Listener">Where the proxy accepts the policy's traffic.</param>
/// <param name="Routes">User routes in spec order; the first match wins.</param>
/// <param name="DefaultRoute">Requests that match no route: all to targetRef.</param>
/// <param name="Endpoints">How endpoints of every backend are balanced, limited and checked.</param>
/// <param name="ClientTimeouts">Client-side timeouts of the listener.</param>
/// <param name="RateLimit">Request rate limit, if any.</param>
/// <param name="Observability">Access log, metrics and tracing.</param>
/// <param name="Security">mTLS and authorization as written (the gateway enforces authorization rules without callers; mTLS to backends is <paramref name="Mesh"/>).</param>
/// <param name="Ingress">North-south exposure, if any.</param>
/// <param name="Gateway">How the gateway Deployment runs.</param>
/// <param name="Notices">Things the policy asks for that this translation does not do, in words for status.</param>
/// <param name="Mesh">In Gateway mode, the meshed backends reached over mTLS and the gateway's identity; null when every backend is plaintext.</param>
internal sealed record ProxyFragment(
    string Namespace,
    string PolicyName,
    string NamePrefix,
    ProxyMode Mode,
    AppProtocol Protocol,
    Listener Listener,
    EquatableArray<RouteRule> Routes,
    RouteRule DefaultRoute,
    EndpointPolicy Endpoints,
    ClientTimeouts ClientTimeouts,
    RateLimitRule? RateLimit,
    ObservabilitySettings Observability,
    SecuritySettings Security,
    IngressExposure? Ingress,
    GatewayDeployment Gateway,
    EquatableArray<string> Notices,
    GatewayMesh? Mesh = null)
{
    /// <summary>Routes in evaluation order: the user's, then the default.</summary>
    public IEnumerable<RouteRule> AllRoutes => Routes.Append(DefaultRoute);

    /// <summary>
    /// Checks the rules across fields that the renderers rely on (see <see cref="FragmentInvariants"/>).
    /// The translator calls it on what it builds and the HAProxy writer on what it is given.
    /// </summary>
    /// <exception cref="InvalidOperationException">The fragment breaks a rule; the message lists every one.</exception>
    public void Validate()
    {
        var violations = FragmentInvariants.Violations(this);
        if (violations.Count > 0)
        {
            throw new InvalidOperationException($"IR fragment {Namespace}/{PolicyName} is inconsistent: " + string.Join("; ", violations));
        }
    }
}
