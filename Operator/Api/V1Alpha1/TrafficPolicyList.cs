using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Junction.Api.V1Alpha1;

/// <summary>A list of TrafficPolicies, as returned by the list endpoint.</summary>
[KubernetesEntity(Group = TrafficPolicy.Group, Kind = "TrafficPolicyList", ApiVersion = TrafficPolicy.Version, PluralName = TrafficPolicy.Plural)]
public sealed class TrafficPolicyList : IKubernetesObject<V1ListMeta>, IItems<TrafficPolicy>
{
    /// <summary>APIVersion of the list.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = TrafficPolicy.ApiVersionString;

    /// <summary>Kind of the list.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "TrafficPolicyList";

    /// <summary>Standard list metadata.</summary>
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>The policies.</summary>
    [JsonPropertyName("items")]
    public IList<TrafficPolicy> Items { get; set; } = new List<TrafficPolicy>();
}
