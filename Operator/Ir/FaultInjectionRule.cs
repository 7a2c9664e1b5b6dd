namespace Junction.Ir;

/// <summary>
/// Faults injected on a route: each picked by its own random draw in the proxy, the delay applied
/// before the abort (as Envoy's fault filter does).
/// </summary>
/// <param name="AbortStatus">The status answered to an aborted request, 200-599; null for no abort.</param>
/// <param name="AbortPercent">Percent of requests aborted, 0-100; 0 when there is no abort.</param>
/// <param name="Delay">How long a delayed request is held; null for no delay.</param>
/// <param name="DelayPercent">Percent of requests delayed, 0-100; 0 when there is no delay.</param>
internal sealed record FaultInjectionRule(int? AbortStatus, int AbortPercent, TimeSpan? Delay, int DelayPercent) : RouteFilterRule;
