using FluentValidation;
using FluentValidation.Results;
using Junction.Api.V1Alpha1;
using Junction.Validation.Rules;

namespace Junction.Validation;

/// <summary>The one rule set for TrafficPolicies, used by the validate verb and the reconciler.</summary>
public static class PolicyValidation
{
    // Validators are immutable once built and safe to share between threads.
    private static readonly TrafficPolicyValidator Validator = new();

    /// <summary>Validates a policy; every problem names its field path (spec.routes[1].backendRefs[0].weight).</summary>
    public static ValidationReport Validate(TrafficPolicy policy) => Validate(policy, ValidationOptions.Default);

    /// <summary>Validates a policy against an operator's settings, such as the registries proxy images may come from.</summary>
    public static ValidationReport Validate(TrafficPolicy policy, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        var context = new ValidationContext<TrafficPolicy>(policy);
        context.RootContextData[PolicyContext.Key] = policy;
        context.RootContextData[PolicyContext.OptionsKey] = options;
        var result = Validator.Validate(context);
        return new ValidationReport(Problems(result, Severity.Error), Problems(result, Severity.Warning));
    }

    private static FieldProblem[] Problems(ValidationResult result, Severity severity) =>
        result.Errors
            .Where(e => e.Severity == severity)
            .Select(e => new FieldProblem(e.PropertyName, e.ErrorMessage))
            .Distinct()
            .ToArray();
}
