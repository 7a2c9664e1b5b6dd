using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A change to requests or responses on a route. Set the field that matches type.</summary>
public sealed class RouteFilter
{
    /// <summary>RequestHeaderModifier, ResponseHeaderModifier, URLRewrite, RequestRedirect, FaultInjection or RequestMirror.</summary>
    [Required]
    [AllowedValues(FilterTypes.RequestHeaderModifier, FilterTypes.ResponseHeaderModifier, FilterTypes.UrlRewrite, FilterTypes.RequestRedirect, FilterTypes.FaultInjection, FilterTypes.RequestMirror)]
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Headers to set, add or remove on the request before it is forwarded.</summary>
    [JsonPropertyName("requestHeaderModifier")]
    public HeaderModifier? RequestHeaderModifier { get; set; }

    /// <summary>Headers to set, add or remove on the response before it is returned.</summary>
    [JsonPropertyName("responseHeaderModifier")]
    public HeaderModifier? ResponseHeaderModifier { get; set; }

    /// <summary>Rewrites the path or Host header before forwarding.</summary>
    [JsonPropertyName("urlRewrite")]
    public UrlRewrite? UrlRewrite { get; set; }

    /// <summary>Answers with a redirect instead of forwarding.</summary>
    [JsonPropertyName("requestRedirect")]
    public RequestRedirect? RequestRedirect { get; set; }

    /// <summary>Aborts or delays a share of the route's requests, to test how callers cope with failure.</summary>
    [JsonPropertyName("faultInjection")]
    public FaultInjection? FaultInjection { get; set; }

    /// <summary>Sends a copy of a share of the route's requests to another Service; its answers are discarded.</summary>
    [JsonPropertyName("requestMirror")]
    public RequestMirror? RequestMirror { get; set; }
}
