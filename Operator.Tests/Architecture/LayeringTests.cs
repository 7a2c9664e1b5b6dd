using System.Text.RegularExpressions;
using Junction.Tests.Reconciliation;
using Xunit;

namespace Junction.Tests.Architecture;

/// <summary>
/// The operator's folders are layers, and a layer names only layers below it. The check reads
/// the sources: every <c>using Junction.X</c> and every qualified name <c>Junction.X.Y</c> or
/// <c>X.Y</c> (which resolves inside namespace Junction) in a file of folder Operator/L.
/// </summary>
public sealed partial class LayeringTests
{
    // Lower rank first; a layer may use strictly lower ranks only, so siblings of one rank
    // (HAProxy and Objects, the two renderers of the IR) never use each other.
    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        ["Api"] = 0,
        ["Validation"] = 1,
        ["Manifests"] = 1,
        ["Ir"] = 2,
        ["Crds"] = 2,
        ["HAProxy"] = 3,
        ["Objects"] = 3,
        ["Translation"] = 4,
        ["Mesh"] = 5,
        // Serving bundles and recording what proxies report; reconciliation reads the reports.
        ["Distribution"] = 6,
        ["Reconciliation"] = 7,
        // The sidecar injection webhook: its certificate from the CA that reconciliation keeps.
        ["Injection"] = 8,
        ["Hosting"] = 9,
        ["Cli"] = 10,
    };

    // Other projects and who may use them: the embedded API server only at the composition root
    // and in the CLI verbs that run it; the controller runtime (metrics) from distribution upwards.
    private static readonly Dictionary<string, int> ProjectMinimumRank = new(StringComparer.Ordinal)
    {
        ["ApiServer"] = Rank["Hosting"],
        ["Runtime"] = Rank["Distribution"],
    };

    [Fact]
    public void OperatorLayers_UseOnlyLowerLayers()
    {
        var violations = OperatorUses()
            .Where(u => !Allowed(u.Layer, u.Used))
            .Select(u => $"{u.File}: {u.Layer} uses {u.Used}")
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0, "Layering violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void EveryOperatorFolder_HasALayer()
    {
        // A new folder without a rank would escape the check.
        var root = Path.Combine(ClusterFixture.RepositoryRoot(), "Operator");
        var folders = Directory.GetDirectories(root)
            .Where(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories).Any())
            .Select(Path.GetFileName)
            .Where(n => n is not ("bin" or "obj"))
            .ToList();

        Assert.All(folders, f => Assert.True(Rank.ContainsKey(f!), $"Operator/{f} has no rank in LayeringTests.Rank"));
    }

    [Fact]
    public void OperatorUses_AreFound()
    {
        // Guards the check itself: a reader that finds nothing would pass every layering.
        var uses = OperatorUses().Select(u => (u.Layer, u.Used)).ToHashSet();

        Assert.Contains(("Hosting", "Reconciliation"), uses);
        Assert.Contains(("Translation", "Ir"), uses);
        Assert.Contains(("Cli", "ApiServer"), uses);
        Assert.False(Allowed("Hosting", "Cli"));
        Assert.False(Allowed("HAProxy", "Objects"));
        Assert.False(Allowed("Translation", "ApiServer"));
    }

    [Fact]
    public void RuntimeAndApiServer_NameNoOperatorNamespace()
    {
        var root = ClusterFixture.RepositoryRoot();
        var offending = new[] { "Runtime", "ApiServer" }
            .SelectMany(project => SourceFiles(Path.Combine(root, project)).Select(f => (Project: project, File: f)))
            .SelectMany(x => File.ReadLines(x.File)
                .Select(Code)
                .SelectMany(line => Using().Matches(line).Select(m => m.Groups[1].Value))
                .Where(used => used != x.Project && used != "Testing")
                .Select(used => $"{Path.GetRelativePath(root, x.File)} uses Junction.{used}"))
            .ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    private static bool Allowed(string layer, string used) =>
        used == layer
        || (ProjectMinimumRank.TryGetValue(used, out var minimum) ? Rank[layer] >= minimum : Rank[used] < Rank[layer]);

    private static IEnumerable<(string File, string Layer, string Used)> OperatorUses()
    {
        var operatorRoot = Path.Combine(ClusterFixture.RepositoryRoot(), "Operator");
        foreach (var layer in Rank.Keys)
        {
            foreach (var file in SourceFiles(Path.Combine(operatorRoot, layer)))
            {
                foreach (var line in File.ReadLines(file).Select(Code))
                {
                    foreach (var m in Using().Matches(line).Concat(Qualified().Matches(line)))
                    {
                        var used = m.Groups[1].Value;
                        if (Rank.ContainsKey(used) || ProjectMinimumRank.ContainsKey(used))
                        {
                            yield return (Path.GetRelativePath(operatorRoot, file), layer, used);
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<string> SourceFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            : [];

    // Comments name layers in prose ("see Hosting."); only code counts.
    private static string Code(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?Junction\.(\w+)")]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.""])(?:global::)?(?:Junction\.)?(Api|Validation|Manifests|Ir|Crds|HAProxy|Objects|Translation|Reconciliation|Injection|Hosting|Cli|ApiServer|Runtime)\.[A-Z]")]
    private static partial Regex Qualified();
}
