using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>One allow rule.</summary>
internal sealed class AuthorizationRuleValidator : JsonValidator<AuthorizationRule>
{
    public AuthorizationRuleValidator()
    {
        Field(r => r.From).SetValidator(new AuthorizationSourceValidator()!);
        Field(r => r.To).SetValidator(new AuthorizationOperationValidator()!);
    }
}
