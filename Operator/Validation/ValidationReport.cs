namespace Junction.Validation;

/// <summary>The outcome of validating one policy: errors make it invalid, warnings flag legal but risky settings.</summary>
public sealed class ValidationReport
{
    /// <summary>Creates a report.</summary>
    public ValidationReport(IReadOnlyList<FieldProblem> errors, IReadOnlyList<FieldProblem> warnings)
    {
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>Problems that make the policy invalid, in field order.</summary>
    public IReadOnlyList<FieldProblem> Errors { get; }

    /// <summary>Settings that are legal but probably not what the author wants.</summary>
    public IReadOnlyList<FieldProblem> Warnings { get; }

    /// <summary>True when there are no errors (warnings do not count).</summary>
    public bool IsValid => Errors.Count == 0;
}
