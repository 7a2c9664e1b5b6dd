namespace Junction.Ir;

/// <summary>How a path is compared.</summary>
internal enum PathMatchKind
{
    /// <summary>The whole path is equal.</summary>
    Exact,
    /// <summary>The path starts with the value on a segment boundary.</summary>
    Prefix,
    /// <summary>The path matches a regular expression.</summary>
    RegularExpression,
}
