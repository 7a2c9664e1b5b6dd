using Xunit;

namespace Junction.Tests.Translation;

/// <summary>
/// Golden files: every sample in samples/ and every testdata/translation/&lt;case&gt;/policy.yaml is
/// translated and compared byte for byte with objects.yaml, haproxy.cfg and result.txt beside it
/// (testdata/translation/samples/&lt;sample&gt;/ for samples).
/// To regenerate after an intended change: JUNCTION_UPDATE_GOLDEN=1 dotnet test Operator.Tests --filter "FullyQualifiedName~Junction.Tests.Translation"
/// then review the diff.
/// </summary>
public sealed class GoldenTests
{
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
        var outputs = TranslationCase.FromFile(name, yaml).Render();

        Compare(Path.Combine(golden, "objects.yaml"), outputs.Objects);
        Compare(Path.Combine(golden, "haproxy.cfg"), outputs.HAProxyConfig);
        Compare(Path.Combine(golden, "result.txt"), outputs.Report);
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
            Assert.False(File.Exists(path), $"{path} exists but the translation produced none; run with JUNCTION_UPDATE_GOLDEN=1 to regenerate");
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; run with JUNCTION_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
