namespace Junction.Reconciliation;

/// <summary>What keeping a gateway's identity Secret did.</summary>
/// <param name="Result">The Secret's result, as the other children have theirs; null when no identity is wanted.</param>
/// <param name="ContentHash">The hash of the Secret's content the gateway pods must carry; null when there is no usable Secret.</param>
/// <param name="RenewAt">When the certificate is to be re-issued; null when there is none.</param>
internal sealed record IdentityOutcome(ChildResult? Result, string? ContentHash, DateTimeOffset? RenewAt)
{
    /// <summary>No identity wanted.</summary>
    public static readonly IdentityOutcome None = new(null, null, null);

    /// <summary>An identity is wanted but this operator cannot sign it; the field it leaves unenforced.</summary>
    public Validation.FieldProblem? NotEnforced { get; init; }
}
