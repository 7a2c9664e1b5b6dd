using Xunit;

namespace Junction.Tests.Translation;

/// <summary>
/// Golden files, one per layer: every sample in samples/ and every testdata/translation/&lt;case&gt;/policy.yaml
/// is translated and compared byte for byte with the files beside it
/// (testdata/translation/samples/&lt;sample&gt;/ for samples):
/// ir.yaml (the IR fragments), objects.yaml (the Kubernetes renderer), haproxy.cfg (the HAProxy
/// renderer, absent when no policy runs a gateway), result.txt (problems and notices) and
/// status.yaml (the status the operator computes, see <see cref="GoldenStatus"/>).
/// To regenerate after an intended change: JUNCTION_UPDATE_GOLDEN=1 dotnet test Operator.Tests --filter "FullyQualifiedName~Junction.Tests.Translation"
/// then review the diff.
/// </summary>
public sealed class GoldenTests
{
    private const string Regenerate = "JUNCTION_UPDATE_GOLDEN=1 dotnet test Operator.Tests -c Release --filter \"FullyQualifiedName~Junction.Tests.Translation\"";

    private static bool Update => Environment.GetEnvironmentVariable("JUNCTION_UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in TestPaths.AllCases())
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_Case_MatchesGoldenFiles(string name)
    {
        var (_, yaml, golden) = TestPaths.AllCases().Single(c => c.Name == name);
        var c = TranslationCase.FromFile(name, yaml);
        var outputs = c.Render();

        Compare(Path.Combine(golden, "ir.yaml"), outputs.Ir);
        Compare(Path.Combine(golden, "objects.yaml"), outputs.Objects);
        Compare(Path.Combine(golden, "haproxy.cfg"), outputs.HAProxyConfig);
        Compare(Path.Combine(golden, "result.txt"), outputs.Report);
        Compare(Path.Combine(golden, "status.yaml"), GoldenStatus.Yaml(c));
    }

    private static void Compare(string path, string? actual)
    {
        if (Update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (actual is null)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllText(path, actual);
            }

            return;
        }

        if (actual is null)
        {
            Assert.False(File.Exists(path), $"{path} exists but the translation produced none; to regenerate run {Regenerate}");
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; to create it run {Regenerate}");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            Assert.Fail($"{path} is stale: {FirstDifference(expected, actual)}\nIf the change is intended, run {Regenerate} and review the diff.");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            var w = i < want.Length ? want[i] : "(end of file)";
            var g = i < got.Length ? got[i] : "(end of file)";
            if (w != g)
            {
                return $"line {i + 1} differs\n  golden: {w}\n  actual: {g}";
            }
        }

        return "the files differ";
    }
}
