using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Junction.Api.V1Alpha1;

/// <summary>
/// A TrafficPolicy describes how traffic reaches one Service: its north-south exposure
/// (Ingress), the gateway or sidecar proxies in front of it, and the routing and
/// resilience rules those proxies enforce.
/// </summary>
[KubernetesEntity(Group = Group, Kind = KindName, ApiVersion = Version, PluralName = Plural)]
public sealed class TrafficPolicy : IKubernetesObject<V1ObjectMeta>, ISpec<TrafficPolicySpec>, IStatus<TrafficPolicyStatus?>
{
    /// <summary>The API group of the resource.</summary>
    public const string Group = "traffic.junction.dev";
    /// <summary>The served version.</summary>
    public const string Version = "v1alpha1";
    /// <summary>The kind.</summary>
    public const string KindName = "TrafficPolicy";
    /// <summary>The plural resource name.</summary>
    public const string Plural = "trafficpolicies";
    /// <summary>The apiVersion string, group/version.</summary>
    public const string ApiVersionString = Group + "/" + Version;

    /// <summary>APIVersion defines the versioned schema of this representation of an object.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionString;

    /// <summary>Kind is a string value representing the REST resource this object represents.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    /// <summary>Standard object metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The desired traffic behaviour for the target Service.</summary>
    [JsonPropertyName("spec")]
    public TrafficPolicySpec Spec { get; set; } = new();

    /// <summary>What Junction observed and did for this policy; written by the operator only.</summary>
    [JsonPropertyName("status")]
    public TrafficPolicyStatus? Status { get; set; }
}
