namespace Junction.Agent.Api;

/// <summary>A proxy's config bundle: haproxy.cfg and every file it references, with the operator's hash over them.</summary>
/// <param name="Proxy">The proxy the bundle is for (<c>kind/namespace/name</c>).</param>
/// <param name="Hash">The bundle hash; haproxy.cfg carries it in <c>global</c> as <c>description ... hash=</c>.</param>
/// <param name="Generations">The policy generations the bundle includes.</param>
/// <param name="Files">The files, haproxy.cfg among them.</param>
internal sealed record ConfigBundle(string Proxy, string Hash, IReadOnlyList<PolicyGeneration>? Generations, IReadOnlyList<BundleFile> Files);
