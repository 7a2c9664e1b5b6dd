using Xunit;

namespace Junction.ApiServer.Tests.Support;

/// <summary>A fresh server per test with a kubeconfig for it in a temporary directory, and the real kubectl to run against it.</summary>
public abstract class KubectlTest : ApiServerTest, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-kubectl-").FullName;

    /// <summary>The repository root: the first parent directory holding Operator.sln.</summary>
    protected internal static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no Operator.sln above {AppContext.BaseDirectory}");
        }
    }

    protected string Kubeconfig => Path.Combine(directory, "kubeconfig");

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs kubectl and asserts it succeeded.</summary>
    protected async Task<KubectlResult> Run(string arguments, string? stdin = null)
    {
        var result = await TryRun(arguments, stdin);
        Assert.True(result.ExitCode == 0, $"kubectl {arguments}\n{result}");
        return result;
    }

    /// <summary>Runs kubectl, whatever its exit code.</summary>
    protected Task<KubectlResult> TryRun(string arguments, string? stdin = null)
    {
        if (!System.IO.File.Exists(Kubeconfig))
        {
            Server.WriteKubeconfig(Kubeconfig);
        }

        return Kubectl.Run(Kubeconfig, arguments, stdin);
    }

    /// <summary>Writes a file into the test's directory and returns its path.</summary>
    protected string File(string name, string content)
    {
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The words of each non-empty line of a table kubectl printed.</summary>
    protected static List<string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => System.Text.RegularExpressions.Regex.Split(l.Trim(), @"\s{2,}")).ToList();
}
