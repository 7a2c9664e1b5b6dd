using System.Diagnostics;
using System.Text;
using Junction.Cli;
using Junction.Manifests;
using Xunit;

namespace Junction.Tests.Manifests;

/// <summary>Hostile manifests: each is refused with one message, never a crash or a hang.</summary>
public sealed class ManifestLimitsTests : IDisposable
{
    private const string Head = "apiVersion: traffic.junction.dev/v1alpha1\nkind: TrafficPolicy\nmetadata: {name: deep, namespace: shop}\nspec:\n  targetRef: {name: web, port: 80}\n  extra: ";
    private readonly string dir = Directory.CreateTempSubdirectory("junction-limits-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("validate")]
    [InlineData("render")]
    public async Task FileNested50000Deep_ExitsOneWithOneLine(string verb)
    {
        var path = Path.Combine(dir, "deep.yaml");
        await File.WriteAllTextAsync(path, Head + new string('[', 50_000) + new string(']', 50_000) + "\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandDispatcher.RunAsync([verb, "-f", path], new CliConsole(TextReader.Null, output, error), CancellationToken.None);

        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}: line 6, column \\d+: nested deeper than 64 levels$", line);
    }

    [Fact]
    public void AliasBomb_RefusedQuicklyWithOneError()
    {
        var text = new StringBuilder(Head.Replace("  extra: ", "  x0: &x0 [\"lol\"]\n", StringComparison.Ordinal));
        for (var level = 1; level <= 9; level++)
        {
            text.Append($"  x{level}: &x{level} [").Append(string.Join(",", Enumerable.Repeat($"*x{level - 1}", 9))).Append("]\n");
        }

        var clock = Stopwatch.StartNew();
        var document = Assert.Single(ManifestReader.ReadText(new StringReader(text.ToString()), "bomb.yaml"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Null(document.Object);
        Assert.Contains("too large once aliases are expanded (more than 100000 nodes", document.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', document.Error!);
    }

    [Fact]
    public void ModestAliases_AreStillRead()
    {
        var text = "apiVersion: traffic.junction.dev/v1alpha1\nkind: TrafficPolicy\nmetadata: {name: a, namespace: shop}\nspec:\n  targetRef: &t {name: web, port: 80}\n";

        var document = Assert.Single(ManifestReader.ReadText(new StringReader(text), "ok.yaml"));

        Assert.Null(document.Error);
    }

    [Fact]
    public void InputOverTheSizeLimit_IsRefusedWithoutReadingIt()
    {
        var huge = new StringReader("# " + new string('x', YamlLimits.MaxChars));

        var document = Assert.Single(ManifestReader.ReadText(huge, "huge.yaml"));

        Assert.Equal($"is larger than the limit of {YamlLimits.MaxChars} characters", document.Error);
    }
}
