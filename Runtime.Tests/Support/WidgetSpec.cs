using System.Text.Json.Serialization;

namespace Junction.Runtime.Tests.Support;

/// <summary>The spec of <see cref="Widget"/>: a reference to a Service and a port.</summary>
public sealed class WidgetSpec
{
    [JsonPropertyName("service")]
    public string Service { get; set; } = "";

    [JsonPropertyName("port")]
    public int? Port { get; set; }
}
