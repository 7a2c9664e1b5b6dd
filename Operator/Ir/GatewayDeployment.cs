namespace Junction.Ir;

/// <summary>How the gateway proxy runs.</summary>
/// <param name="Image">Container image.</param>
/// <param name="Replicas">Replica count.</param>
/// <param name="Resources">Container resources.</param>
/// <param name="MetricsPort">Port of /metrics and /healthz.</param>
internal sealed record GatewayDeployment(string Image, int Replicas, ComputeResources Resources, int MetricsPort);
