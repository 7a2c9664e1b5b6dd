namespace Junction.Agent.Tests.Fakes;

/// <summary>
/// The agent under test: the NativeAOT binary CI publishes (<c>.artifacts/agent/junction-agent</c>, or
/// <c>JUNCTION_AGENT_BINARY</c>) when present, else the JIT build run with <c>dotnet</c>.
/// </summary>
internal static class AgentBinary
{
    public static (string File, IReadOnlyList<string> Prefix, string Description) Locate()
    {
        var root = RepositoryRoot();
        var published = Environment.GetEnvironmentVariable("JUNCTION_AGENT_BINARY") is { Length: > 0 } env ? env : Path.Join(root, ".artifacts/agent/junction-agent");
        if (File.Exists(published))
        {
            return (published, [], "published NativeAOT binary " + published + " (" + new FileInfo(published).Length / 1024 + " KiB, " + File.GetLastWriteTimeUtc(published).ToString("u") + ")");
        }

        var dll = Path.Join(AppContext.BaseDirectory, "junction-agent.dll");
        return ("dotnet", [dll], "JIT build " + dll + " (no published binary at " + published + ")");
    }

    public static bool IsNative => Locate().Prefix.Count == 0;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Join(dir.FullName, "Operator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
