using Junction.Api.V1Alpha1;
using k8s;

namespace Junction.Reconciliation;

/// <summary>Decides whether a computed status differs from the one on the server.</summary>
internal static class StatusComparison
{
    /// <summary>
    /// True when both statuses say the same thing. They are compared as the JSON the API server
    /// stores, so null and omitted, or two renderings of one timestamp, are not a difference.
    /// </summary>
    public static bool Same(TrafficPolicyStatus? current, TrafficPolicyStatus computed) =>
        Normal(current) == Normal(computed);

    private static string Normal(TrafficPolicyStatus? status) =>
        status is null ? "{}" : KubernetesJson.Serialize(status);
}
