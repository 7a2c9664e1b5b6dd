namespace Junction.Reconciliation;

/// <summary>A child that could not be written, named kind namespace/name, with why.</summary>
internal sealed record ChildProblem(string Kind, string Namespace, string Name, string Message)
{
    /// <summary>"Ingress shop/checkout: message".</summary>
    public override string ToString() => $"{Kind} {Namespace}/{Name}: {Message}";
}
