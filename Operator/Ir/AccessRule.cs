namespace Junction.Ir;

/// <summary>One allow rule: every non-empty list must match (callers, methods, paths); an empty list matches anything.</summary>
/// <param name="FieldPath">Where the rule comes from in the spec, for messages.</param>
/// <param name="ServiceAccounts">Callers as namespace/name; only an mTLS identity can prove one.</param>
/// <param name="Namespaces">Callers' namespaces; only an mTLS identity can prove one.</param>
/// <param name="Methods">HTTP methods, as written (upper case).</param>
/// <param name="Paths">Paths, exact or by prefix.</param>
internal sealed record AccessRule(
    string FieldPath,
    EquatableArray<string> ServiceAccounts,
    EquatableArray<string> Namespaces,
    EquatableArray<string> Methods,
    EquatableArray<AccessPath> Paths)
{
    /// <summary>True when the rule allows only named callers, which a proxy without client identities cannot tell apart.</summary>
    public bool NamesCallers => !ServiceAccounts.IsEmpty || !Namespaces.IsEmpty;
}
