using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// The mesh traffic tests: they share one <see cref="MeshBedFixture"/> and run one at a time
/// (each re-renders the sidecars it needs), after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeshBedCollection : ICollectionFixture<MeshBedFixture>
{
    /// <summary>The collection name for [Collection(...)].</summary>
    public const string Name = "Mesh bed: network namespaces, capture and sidecars";
}
