using System.Collections.Immutable;
using System.Net;

namespace Junction.Hosting.Local;

/// <summary>What the local DNS answers: fully qualified Service names (lower case, no trailing dot) and their endpoints.</summary>
/// <param name="Endpoints">Name → the endpoints behind it, each with its own port.</param>
internal sealed record LocalDnsRecords(ImmutableDictionary<string, ImmutableArray<IPEndPoint>> Endpoints)
{
    /// <summary>No names at all.</summary>
    public static LocalDnsRecords Empty { get; } = new(ImmutableDictionary<string, ImmutableArray<IPEndPoint>>.Empty);
}
