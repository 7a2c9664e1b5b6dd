using Junction.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>Owner references and labels that tie a child object to the policy that controls it.</summary>
internal static class Ownership
{
    /// <summary>Label every child carries so that tools and humans see who manages it.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>Value of <see cref="ManagedByLabel"/> on Junction's children.</summary>
    public const string ManagedByValue = "junction";

    /// <summary>Label naming the policy a child belongs to.</summary>
    public const string PolicyLabel = "traffic.junction.dev/policy";

    /// <summary>The controller owner reference a child of <paramref name="policy"/> carries.</summary>
    public static V1OwnerReference ControllerReference(TrafficPolicy policy) => new()
    {
        ApiVersion = TrafficPolicy.ApiVersionString,
        Kind = TrafficPolicy.KindName,
        Name = policy.Metadata.Name,
        Uid = policy.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>The owner reference marked controller, if any.</summary>
    public static V1OwnerReference? Controller(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>True when the object's controller is the policy with <paramref name="policyUid"/>.</summary>
    public static bool IsControlledBy(IKubernetesObject<V1ObjectMeta> obj, string policyUid) =>
        Controller(obj) is { } c && c.Uid == policyUid && c.Kind == TrafficPolicy.KindName;

    /// <summary>The name of the TrafficPolicy controlling the object, or null when a policy does not control it.</summary>
    public static string? ControllingPolicyName(IKubernetesObject<V1ObjectMeta> obj) =>
        Controller(obj) is { Kind: TrafficPolicy.KindName } c && IsPolicyApiVersion(c.ApiVersion) ? c.Name : null;

    /// <summary>Names the controller of an object for a human: "TrafficPolicy shop/other" or "no controller".</summary>
    public static string DescribeController(IKubernetesObject<V1ObjectMeta> obj) =>
        Controller(obj) is { } c ? $"{c.Kind} {obj.Metadata.NamespaceProperty}/{c.Name}" : "no controller";

    private static bool IsPolicyApiVersion(string? apiVersion) =>
        apiVersion is not null && apiVersion.StartsWith(TrafficPolicy.Group + "/", StringComparison.Ordinal);
}
