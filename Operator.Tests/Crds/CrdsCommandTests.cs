using Junction.Cli;
using Junction.Crds;
using Xunit;

namespace Junction.Tests.Crds;

public sealed class CrdsCommandTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandDispatcher.RunAsync(args, new CliConsole(new StringReader(""), output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Crds_NoArguments_PrintsTheCrd()
    {
        var (code, output, error) = await RunAsync("crds");

        Assert.Equal(0, code);
        Assert.Equal(CrdGenerator.Generate(), output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Crds_OutputDir_WritesTheFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "junction-crds-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, _) = await RunAsync("crds", "--output-dir", dir);

            var path = Path.Combine(dir, "trafficpolicies.traffic.junction.dev.yaml");
            Assert.Equal(0, code);
            Assert.Equal($"wrote {path}{Environment.NewLine}", output);
            Assert.Equal(CrdGenerator.Generate(), File.ReadAllText(path));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("--output")]
    [InlineData("--output-dir")]
    public async Task Crds_BadArguments_ExitTwo(string argument)
    {
        var (code, output, error) = await RunAsync("crds", argument);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("junction crds: ", error, StringComparison.Ordinal);
    }
}
