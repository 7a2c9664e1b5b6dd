using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>A routing rule: requests that match go to the route's backends with its timeouts, retries and filters.</summary>
public sealed class Route
{
    /// <summary>Name of the route, unique within the policy (a DNS label). Used in proxy object names and metrics.</summary>
    [Required]
    [StringLength(63, MinimumLength = 1)]
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Conditions, any of which selects this route (OR). Within one match every condition must hold (AND). Empty matches every request.</summary>
    [MaxLength(16)]
    [JsonPropertyName("matches")]
    public IList<RouteMatch>? Matches { get; set; }

    /// <summary>Weighted backends. Defaults to targetRef.</summary>
    [MaxLength(16)]
    [JsonPropertyName("backendRefs")]
    public IList<BackendRef>? BackendRefs { get; set; }

    /// <summary>Timeouts for this route; fields left empty take spec.timeouts.</summary>
    [JsonPropertyName("timeouts")]
    public Timeouts? Timeouts { get; set; }

    /// <summary>Retry policy for this route; replaces spec.retry when set.</summary>
    [JsonPropertyName("retry")]
    public RetryPolicy? Retry { get; set; }

    /// <summary>Request and response changes applied on this route, in order.</summary>
    [MaxLength(16)]
    [JsonPropertyName("filters")]
    public IList<RouteFilter>? Filters { get; set; }
}
