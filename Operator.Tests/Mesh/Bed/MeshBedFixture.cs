using Xunit;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// The one bed the mesh traffic tests share (built once per run; see <see cref="MeshBedCollection"/>).
/// Its sidecars start with routing.yaml; each test applies the policies it needs first
/// (<see cref="MeshBed.ApplyAsync(IReadOnlyList{string}, CancellationToken)"/> reloads only sidecars whose bundle changes).
/// </summary>
public sealed class MeshBedFixture : IAsyncLifetime
{
    private MeshBed? bed;
    private string? unavailable;
    private Exception? failure;

    public async Task InitializeAsync()
    {
        unavailable = await MeshBed.UnavailableAsync();
        if (unavailable is not null)
        {
            return;
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            bed = await MeshBed.StartAsync(new MeshBedOptions { WorkloadsFile = MeshFiles.Workloads, PolicyFiles = [MeshFiles.Policy("routing.yaml")] }, limit.Token);
        }
        catch (Exception e)
        {
            // Every test then fails with this, instead of one opaque fixture error.
            failure = e;
        }
    }

    public async Task DisposeAsync()
    {
        if (bed is not null)
        {
            await bed.DisposeAsync();
        }
    }

    /// <summary>The bed; skips the test (visibly, with the reason) where network namespaces cannot be made.</summary>
    internal MeshBed Require()
    {
        Skip.If(unavailable is not null, unavailable);
        if (failure is not null)
        {
            throw new InvalidOperationException("the mesh test bed could not be built: " + failure.Message, failure);
        }

        return bed!;
    }
}
