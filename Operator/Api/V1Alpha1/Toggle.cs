using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A feature switch.</summary>
public sealed class Toggle
{
    /// <summary>Whether the feature is on. Default true once the block is present.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }
}
