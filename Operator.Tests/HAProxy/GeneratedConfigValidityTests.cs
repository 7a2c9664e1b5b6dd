using Junction.Tests.Translation;
using Xunit;

namespace Junction.Tests.HAProxy;

/// <summary>Every generated config (samples and translation cases) must pass the real haproxy -c without a warning.</summary>
public sealed class GeneratedConfigValidityTests
{
    /// <summary>Cases that produce a config (mode None and Sidecar produce none).</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in TestPaths.AllCases().Where(c => TranslationCase.FromFile(c.Name, c.Yaml).Render().HAProxyConfig is not null))
        {
            data.Add(c.Name);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void HAProxyCheck_GeneratedConfig_IsValidWithoutWarnings(string name)
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var (_, yaml, _) = TestPaths.AllCases().Single(c => c.Name == name);
        var config = TranslationCase.FromFile(name, yaml).Render().HAProxyConfig!;

        var path = Path.Combine(Path.GetTempPath(), $"junction-{name}-{Environment.ProcessId}.cfg");
        File.WriteAllText(path, config);
        try
        {
            var (exitCode, output) = HAProxyProcess.Check(path);
            Assert.True(exitCode == 0, $"haproxy -c rejected {name}:\n{output}");
            Assert.DoesNotContain("[WARNING]", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
