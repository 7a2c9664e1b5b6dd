namespace Junction.Distribution;

/// <summary>The answer of <c>GET /v1/config</c> when the bundle differs from the one the proxy has.</summary>
/// <param name="Proxy">The proxy, <c>kind/ns/name</c>.</param>
/// <param name="Hash">The bundle hash haproxy.cfg carries.</param>
/// <param name="Generations">The policy generations the bundle includes.</param>
/// <param name="Files">Every file of the bundle.</param>
internal sealed record BundleBody(string Proxy, string Hash, IReadOnlyList<GenerationBody> Generations, IReadOnlyList<FileBody> Files);
