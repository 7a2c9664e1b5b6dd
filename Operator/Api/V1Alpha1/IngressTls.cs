using System.Text.Json.Serialization;

namespace Junction.Api.V1Alpha1;

/// <summary>TLS for the Ingress: an existing Secret, or a cert-manager issuer that creates it.</summary>
public sealed class IngressTls
{
    /// <summary>Name of the kubernetes.io/tls Secret in the policy's namespace holding the certificate.</summary>
    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }

    /// <summary>A cert-manager issuer that issues the certificate into secretName (or into &lt;policy&gt;-tls when secretName is empty).</summary>
    [JsonPropertyName("issuerRef")]
    public IssuerReference? IssuerRef { get; set; }
}
