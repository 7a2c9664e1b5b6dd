using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>spec.authorization: rules by caller identity, which only mTLS can establish.</summary>
internal sealed class AuthorizationValidator : JsonValidator<Authorization>
{
    public AuthorizationValidator()
    {
        Each(a => a.Rules).SetValidator(new AuthorizationRuleValidator());
        Check((authz, report) =>
        {
            if ((authz.DefaultAction ?? "Deny") == "Deny" && (authz.Rules?.Count ?? 0) == 0)
            {
                report.Warning("rules", "no rule allows anything and defaultAction is Deny: every request is refused");
            }

            var mode = PolicyContext.Policy(report.Context)?.Spec?.Mtls?.Mode;
            if (mode == "Disabled" && authz.Rules?.Any(r => r?.From is { ServiceAccounts.Count: > 0 } or { Namespaces.Count: > 0 }) == true)
            {
                report.Warning("rules", "rules name callers by identity, but spec.mtls.mode is Disabled, so no caller has one and those rules never match");
            }
        });
    }
}
