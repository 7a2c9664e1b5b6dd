namespace Junction.Ir;

/// <summary>
/// One allowed (caller, method, path) on one application port. Callers are written as they are
/// matched: <see cref="AnyCaller"/>, a SPIFFE ID, or <c>ns/&lt;namespace&gt;</c> for a whole namespace.
/// </summary>
/// <param name="Port">The application (container) port the rule guards.</param>
/// <param name="Caller">Who may call.</param>
/// <param name="Method">An HTTP method, or <see cref="AnyMethod"/>.</param>
/// <param name="Path">A path, or the start of paths when <paramref name="IsPrefix"/>.</param>
/// <param name="IsPrefix">True for a path prefix, false for an exact path.</param>
/// <param name="CallerCommonName">The certificate CN of a single-service-account caller, which non-HTTP streams are matched by; null otherwise.</param>
/// <param name="FieldPath">The spec field the rule comes from.</param>
internal sealed record AccessRule(int Port, string Caller, string? CallerCommonName, string Method, string Path, bool IsPrefix, string FieldPath)
{
    /// <summary>Any caller, including plaintext ones.</summary>
    public const string AnyCaller = "*";

    /// <summary>Any method.</summary>
    public const string AnyMethod = "*";
}
