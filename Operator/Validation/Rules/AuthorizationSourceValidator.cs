using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>Callers: service accounts as namespace/name and whole namespaces.</summary>
internal sealed class AuthorizationSourceValidator : JsonValidator<AuthorizationSource>
{
    public AuthorizationSourceValidator()
    {
        Check((source, report) =>
        {
            for (var i = 0; i < (source.ServiceAccounts?.Count ?? 0); i++)
            {
                var account = source.ServiceAccounts![i];
                var parts = account?.Split('/');
                if (account is not null && (parts!.Length != 2 || !Syntax.IsDns1123Label(parts[0]) || !Syntax.IsDns1123Subdomain(parts[1])))
                {
                    report.Error($"serviceAccounts[{i}]", $"\"{account}\" must be namespace/name, e.g. shop/frontend");
                }
            }

            for (var i = 0; i < (source.Namespaces?.Count ?? 0); i++)
            {
                if (source.Namespaces![i] is { } ns && !Syntax.IsDns1123Label(ns))
                {
                    report.Error($"namespaces[{i}]", $"\"{ns}\" {Syntax.Dns1123LabelMessage}");
                }
            }
        });
    }
}
