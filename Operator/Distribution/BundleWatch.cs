namespace Junction.Distribution;

/// <summary>The bundle a slot holds now (null before the first), and a task that completes when it changes.</summary>
/// <param name="Current">The bundle served now.</param>
/// <param name="Next">Completes when another bundle replaces <paramref name="Current"/>.</param>
internal sealed record BundleWatch(ProxyBundle? Current, Task Next);
