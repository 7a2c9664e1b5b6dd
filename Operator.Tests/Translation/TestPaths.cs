namespace Junction.Tests.Translation;

/// <summary>Locates the repository (the directory holding Operator.sln) from the test binaries.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");

    public static string TranslationCases => Path.Combine(RepoRoot, "Operator.Tests", "testdata", "translation");

    /// <summary>Every sample and every case, as (name, yaml path, golden directory).</summary>
    public static IEnumerable<(string Name, string Yaml, string Golden)> AllCases()
    {
        foreach (var file in Directory.GetFiles(Samples, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            yield return ("sample-" + name, file, Path.Combine(TranslationCases, "samples", name));
        }

        foreach (var dir in Directory.GetDirectories(TranslationCases).Order(StringComparer.Ordinal))
        {
            var policy = Path.Combine(dir, "policy.yaml");
            if (File.Exists(policy))
            {
                yield return (Path.GetFileName(dir), policy, dir);
            }
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
