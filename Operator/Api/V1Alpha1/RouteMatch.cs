using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Conditions on a request; all of them must hold.</summary>
public sealed class RouteMatch
{
    /// <summary>Match on the request path.</summary>
    [JsonPropertyName("path")]
    public PathMatch? Path { get; set; }

    /// <summary>Match on the HTTP method, e.g. GET.</summary>
    [AllowedValues("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH")]
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    /// <summary>Matches on request headers; all must hold.</summary>
    [MaxLength(16)]
    [JsonPropertyName("headers")]
    public IList<HeaderMatch>? Headers { get; set; }

    /// <summary>Matches on query parameters; all must hold.</summary>
    [MaxLength(16)]
    [JsonPropertyName("queryParams")]
    public IList<QueryParamMatch>? QueryParams { get; set; }
}
