namespace Junction.Hosting.Local;

/// <summary>Finds the executables a local run with real proxies starts: haproxy and junction-agent.</summary>
internal static class LocalProxyBinaries
{
    /// <summary>The agent's file name.</summary>
    public const string AgentName = "junction-agent";

    /// <summary>
    /// The junction-agent to run: <paramref name="explicitPath"/> when given, else the one beside the
    /// junction binary (the operator image ships both), else the NativeAOT build of the checkout
    /// (<c>.artifacts/agent/</c>, as CI publishes it), else one on <c>PATH</c>; null when none exists.
    /// </summary>
    public static string? Agent(string? explicitPath, string baseDirectory, string? path)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }

        var beside = Path.Combine(baseDirectory, AgentName);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                var published = Path.Combine(dir.FullName, ".artifacts", "agent", AgentName);
                if (File.Exists(published))
                {
                    return published;
                }

                break;
            }
        }

        return OnPath(AgentName, path);
    }

    /// <summary>The first <paramref name="name"/> in the directories of <paramref name="path"/>, or null.</summary>
    public static string? OnPath(string name, string? path) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
}
