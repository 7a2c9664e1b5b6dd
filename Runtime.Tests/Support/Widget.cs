using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Junction.Runtime.Tests.Support;

/// <summary>A custom resource that belongs to no product, so the runtime is tested on its own.</summary>
[KubernetesEntity(Group = Group, Kind = KindName, ApiVersion = Version, PluralName = "widgets")]
public sealed class Widget : IKubernetesObject<V1ObjectMeta>, ISpec<WidgetSpec>
{
    public const string Group = "example.com";
    public const string Version = "v1";
    public const string KindName = "Widget";
    public const string ApiVersionString = Group + "/" + Version;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionString;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public WidgetSpec Spec { get; set; } = new();
}
