using FluentValidation;
using FluentValidation.Results;

namespace Junction.Validation.Rules;

/// <summary>Adds problems at paths relative to the object being validated, e.g. "backendRefs[0].weight".</summary>
internal sealed class Reporter<T>(ValidationContext<T> context)
{
    public ValidationContext<T> Context => context;

    /// <summary>spec.protocol of the policy being validated (HTTP when unknown).</summary>
    public string Protocol => PolicyContext.Protocol(context);

    public bool IsTcp => Protocol == Api.V1Alpha1.Protocols.Tcp;

    public void Error(string relativePath, string message) => Add(relativePath, message, Severity.Error);

    public void Warning(string relativePath, string message) => Add(relativePath, message, Severity.Warning);

    private void Add(string relativePath, string message, Severity severity) =>
        context.AddFailure(new ValidationFailure(context.PropertyChain.BuildPropertyPath(relativePath), message) { Severity = severity });
}
