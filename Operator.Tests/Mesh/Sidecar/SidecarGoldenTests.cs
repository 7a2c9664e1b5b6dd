using Junction.Cli;
using Junction.HAProxy;
using Junction.Tests.Support;
using Xunit;

namespace Junction.Tests.Mesh.Sidecar;

/// <summary>
/// Golden files of every testdata/sidecar/&lt;case&gt;/: ir.yaml (the sidecar IR), notices.txt, and
/// the bundle as the container sees it (haproxy.cfg and every map; spiffe.lua and junction.lua are
/// assets, not output). To regenerate after an intended change:
/// JUNCTION_UPDATE_GOLDEN=1 dotnet test Operator.Tests -c Release --filter "FullyQualifiedName~SidecarGolden"
/// then review the diff.
/// </summary>
public sealed class SidecarGoldenTests
{
    private const string Regenerate = "JUNCTION_UPDATE_GOLDEN=1 dotnet test Operator.Tests -c Release --filter \"FullyQualifiedName~SidecarGolden\"";

    private static bool Update => Environment.GetEnvironmentVariable("JUNCTION_UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in SidecarCases.All().Where(c => c.Golden is not null))
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sidecar_Case_MatchesGoldenFiles(string name)
    {
        var c = SidecarCases.All().Single(x => x.Name == name);
        var options = SidecarCases.Options(c.Args, "unused", "");
        var (translation, problems) = SidecarRender.Translate(options, SidecarCases.Documents(c.Input));
        Assert.Empty(problems);
        var bundle = SidecarRender.Bundle(options, translation);

        Compare(Path.Combine(c.Golden!, "ir.yaml"), IrYaml.Serialize(translation.Config));
        Compare(Path.Combine(c.Golden!, "notices.txt"), string.Concat(translation.Config.Notices.Select(n => n + "\n")));
        foreach (var file in bundle.Files.Where(f => f.Name is not SidecarFiles.SpiffeLua and not HAProxyAssets.LuaFileName))
        {
            Compare(Path.Combine(c.Golden!, file.Name), file.Text);
        }
    }

    [Fact]
    public void Sidecar_SameInputTwice_IdenticalBundles()
    {
        foreach (var c in SidecarCases.All())
        {
            var options = SidecarCases.Options(c.Args, "unused", "/r");
            var first = SidecarRender.Bundle(options, SidecarRender.Translate(options, SidecarCases.Documents(c.Input)).Translation);
            var second = SidecarRender.Bundle(options, SidecarRender.Translate(options, SidecarCases.Documents(c.Input)).Translation);

            Assert.Equal(first.Hash, second.Hash);
            Assert.Equal(first.Files, second.Files);
        }
    }

    private static void Compare(string path, string actual)
    {
        if (Update)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; to create it run {Regenerate}");
        var expected = File.ReadAllText(path);
        Assert.True(expected == actual, $"{path} is stale; if the change is intended, run {Regenerate} and review the diff.\n--- actual ---\n{actual}");
    }
}
