using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Allows requests from the given sources to the given operations.</summary>
public sealed class AuthorizationRule
{
    /// <summary>Who sends the request; empty means anyone.</summary>
    [JsonPropertyName("from")]
    public AuthorizationSource? From { get; set; }

    /// <summary>What is requested; empty means anything.</summary>
    [JsonPropertyName("to")]
    public AuthorizationOperation? To { get; set; }
}
