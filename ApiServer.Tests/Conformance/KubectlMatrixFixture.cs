using Xunit;

namespace Junction.ApiServer.Tests.Conformance;

/// <summary>
/// The one server the whole matrix runs against, as `junction run --local` starts it (the CRDs of crds/
/// served), with a kubeconfig and a working directory for the steps' files.
/// </summary>
public sealed class KubectlMatrixFixture : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-matrix-").FullName;

    internal InMemoryApiServer Server { get; private set; } = null!;

    internal string WorkingDirectory => directory;

    internal string Kubeconfig => Path.Combine(directory, "kubeconfig");

    internal IReadOnlyList<MatrixStep> Steps { get; } = MatrixTranscript.Parse(File.ReadAllText(TranscriptPath));

    /// <summary>The step that failed first; later steps build on earlier ones, so their failures say so.</summary>
    internal int? FirstFailure { get; set; }

    internal static string TranscriptPath => Path.Combine(AppContext.BaseDirectory, "Conformance", "kubectl-matrix.txt");

    public async Task InitializeAsync()
    {
        Server = await InMemoryApiServer.StartAsync(new ApiServerOptions { CrdPaths = [Path.Combine(KubectlTest.RepoRoot, "crds")], SimulateWorkloads = true });
        Server.WriteKubeconfig(Kubeconfig);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
