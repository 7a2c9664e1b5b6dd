using Junction.HAProxy;

namespace Junction.Distribution;

/// <summary>What one proxy is served: its files, their hash and the policy generations they include.</summary>
/// <param name="Proxy">The proxy.</param>
/// <param name="Hash">The bundle hash haproxy.cfg carries (16 hex digits).</param>
/// <param name="Generations">Every TrafficPolicy whose current generation the bundle includes.</param>
/// <param name="Files">Every file, haproxy.cfg first.</param>
internal sealed record ProxyBundle(ProxyKey Proxy, string Hash, IReadOnlyList<PolicyGeneration> Generations, IReadOnlyList<BundleFile> Files);
