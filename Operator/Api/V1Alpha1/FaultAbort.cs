using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Answers a share of requests with a status, without calling the backend.</summary>
public sealed class FaultAbort
{
    /// <summary>The status returned, 200 to 599.</summary>
    [Required]
    [Range(200, 599)]
    [JsonPropertyName("httpStatus")]
    public int HttpStatus { get; set; }

    /// <summary>Percent of the route's requests aborted, 0 to 100. Default 100.</summary>
    [Range(0, 100)]
    [JsonPropertyName("percentage")]
    public int? Percentage { get; set; }
}
