using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.ingress.tls.issuerRef.</summary>
internal sealed class IssuerReferenceValidator : JsonValidator<IssuerReference>
{
    public IssuerReferenceValidator()
    {
        Check((issuer, report) =>
        {
            if (issuer.Name is { Length: > 0 } name && !Syntax.IsDns1123Subdomain(name))
            {
                report.Error("name", $"\"{name}\" {Syntax.Dns1123SubdomainMessage}");
            }
        });
    }
}
