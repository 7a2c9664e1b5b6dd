namespace Junction.Ir;

/// <summary>Conditions that must all hold.</summary>
/// <param name="Path">Path condition, if any.</param>
/// <param name="Method">HTTP method, if any.</param>
/// <param name="Headers">Header conditions.</param>
/// <param name="QueryParams">Query parameter conditions.</param>
internal sealed record RouteMatchRule(
    PathCondition? Path,
    string? Method,
    EquatableArray<ValueCondition> Headers,
    EquatableArray<ValueCondition> QueryParams)
{
    /// <summary>True when the match has no condition and so matches every request.</summary>
    public bool MatchesEverything => Path is null && Method is null && Headers.IsEmpty && QueryParams.IsEmpty;
}
