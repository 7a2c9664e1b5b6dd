namespace Junction.Ir;

/// <summary>
/// A copy of a share of a route's requests sent to another Service, fire-and-forget: the copy's
/// answer is discarded and never delays or fails the original.
/// </summary>
/// <param name="Target">The Service port that receives the copies, found like every backend.</param>
/// <param name="Percent">Percent of the route's requests copied, 0-100.</param>
/// <param name="FieldPath">Where the mirror comes from in the spec, for messages.</param>
internal sealed record MirrorRule(BackendTarget Target, int Percent, string FieldPath) : RouteFilterRule
{
    /// <summary>
    /// The largest request body copied. A copy lives in the proxy's request buffer (16 KiB by
    /// default, headers included), so larger bodies, and bodies of unknown length, are not copied:
    /// a truncated copy would be a different request.
    /// </summary>
    public const int BodyLimit = 8192;
}
