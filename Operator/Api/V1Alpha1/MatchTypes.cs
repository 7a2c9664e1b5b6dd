namespace Junction.Api.V1Alpha1;

/// <summary>The match type values of paths, headers and query parameters.</summary>
public static class MatchTypes
{
    /// <summary>The whole value is equal.</summary>
    public const string Exact = "Exact";
    /// <summary>The path starts with the value, on a segment boundary.</summary>
    public const string PathPrefix = "PathPrefix";
    /// <summary>The value is a regular expression (PCRE-compatible subset) that must match.</summary>
    public const string RegularExpression = "RegularExpression";
}
