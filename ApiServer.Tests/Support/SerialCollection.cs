using Xunit;

namespace Junction.ApiServer.Tests.Support;

/// <summary>
/// Tests that measure the process's memory or time run here: after the parallel tests, one class at
/// a time, so that no neighbouring test moves the figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    /// <summary>The collection name for [Collection(...)].</summary>
    public const string Name = "Serial: memory and timing";
}
