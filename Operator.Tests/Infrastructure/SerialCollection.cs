using Xunit;

namespace Junction.Tests.Infrastructure;

/// <summary>
/// Tests that measure time on real processes (haproxy, dnsmasq, backends, many-policy
/// convergence) run here: after the parallel tests, one class at a time, so that a busy
/// neighbour on a 2-core machine cannot move their timings.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    /// <summary>The collection name for [Collection(...)].</summary>
    public const string Name = "Serial: real processes and timing";
}
