using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>Callers identified by their mTLS identity.</summary>
public sealed class AuthorizationSource
{
    /// <summary>Service accounts as namespace/name.</summary>
    [MaxLength(64)]
    [JsonPropertyName("serviceAccounts")]
    public IList<string>? ServiceAccounts { get; set; }

    /// <summary>Whole namespaces.</summary>
    [MaxLength(64)]
    [JsonPropertyName("namespaces")]
    public IList<string>? Namespaces { get; set; }
}
