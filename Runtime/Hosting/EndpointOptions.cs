namespace Junction.Runtime.Hosting;

/// <summary>
/// Where the operator serves metrics and probes, kubebuilder style: <c>host:port</c>,
/// <c>:port</c> for every interface, or <c>0</c> to disable.
/// </summary>
public sealed class EndpointOptions
{
    /// <summary>The <c>/metrics</c> address (kubebuilder's <c>--metrics-bind-address</c>).</summary>
    public string MetricsAddress { get; init; } = ":8080";

    /// <summary>The <c>/healthz</c> and <c>/readyz</c> address (kubebuilder's <c>--health-probe-bind-address</c>).</summary>
    public string ProbeAddress { get; init; } = ":8081";
}
