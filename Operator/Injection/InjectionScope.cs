namespace Junction.Injection;

/// <summary>Where the operator runs and what it watches, as injection needs to know.</summary>
/// <param name="OperatorNamespace">Junction's own namespace, never injected.</param>
/// <param name="WatchNamespace">The one namespace watched, or null for all.</param>
/// <param name="ResyncPeriod">The informers' resync period.</param>
internal sealed record InjectionScope(string OperatorNamespace, string? WatchNamespace, TimeSpan ResyncPeriod);
