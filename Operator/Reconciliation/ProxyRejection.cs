namespace Junction.Reconciliation;

/// <summary>A proxy instance's NACK: the config it refused and HAProxy's own words.</summary>
/// <param name="Instance">The instance (pod) that refused the config.</param>
/// <param name="Message">HAProxy's error text.</param>
/// <param name="OfCurrentGeneration">True when the refused bundle includes the policy's current generation.</param>
internal sealed record ProxyRejection(string Instance, string Message, bool OfCurrentGeneration);
