using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.ingress.tls: an existing Secret or a cert-manager issuer.</summary>
internal sealed class IngressTlsValidator : JsonValidator<IngressTls>
{
    public IngressTlsValidator()
    {
        Field(t => t.IssuerRef).SetValidator(new IssuerReferenceValidator()!);
        Check((tls, report) =>
        {
            if (string.IsNullOrEmpty(tls.SecretName) && tls.IssuerRef is null)
            {
                report.Error("", "needs secretName or issuerRef");
            }

            if (tls.SecretName is { Length: > 0 } secret && !Syntax.IsDns1123Subdomain(secret))
            {
                report.Error("secretName", $"\"{secret}\" {Syntax.Dns1123SubdomainMessage}");
            }
        });
    }
}
