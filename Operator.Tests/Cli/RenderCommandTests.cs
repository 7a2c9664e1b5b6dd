using Junction.Cli;
using Junction.Tests.Translation;
using Xunit;

namespace Junction.Tests.Cli;

/// <summary>The render verb run in-process through the dispatcher, as the shell would run it.</summary>
public sealed class RenderCommandTests : IDisposable
{
    private const string Policy = """
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: web, namespace: shop}
        spec:
          targetRef: {name: web, port: 80}
          ingress: {hosts: [web.example.com], tls: {secretName: web-tls}}

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("junction-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandDispatcher.RunAsync(args, new CliConsole(new StringReader(stdin), output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Render_Samples_TwiceGivesIdenticalBytes()
    {
        var first = await RunAsync("", "render", "-f", TestPaths.Samples);
        var second = await RunAsync("", "render", "-f", TestPaths.Samples);

        Assert.Equal(0, first.Code);
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("kind: Deployment", first.Out, StringComparison.Ordinal);
        Assert.Contains("kind: Ingress", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAndRender_NamespaceBesidePolicy_SkipsAndCountsIt()
    {
        var input = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n" + Policy;

        var validate = await RunAsync(input, "validate", "-f", "-");
        var render = await RunAsync(input, "render", "-f", "-");

        Assert.Equal((0, "1 policy valid, 0 invalid, 1 other document skipped\n"), (validate.Code, validate.Out.ReplaceLineEndings("\n")));
        Assert.Equal(0, render.Code);
        Assert.Contains("name: web-proxy", render.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TrafficPolicyKindUnderWrongGroup_StaysAnError()
    {
        var (code, _, error) = await RunAsync(Policy.Replace("traffic.junction.dev/v1alpha1", "traffic.example.com/v1", StringComparison.Ordinal), "validate", "-f", "-");

        Assert.Equal(1, code);
        Assert.Contains("unsupported apiVersion \"traffic.example.com/v1\" with kind \"TrafficPolicy\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PolicyWithoutServices_AssumesServiceAndSecret()
    {
        var (code, output, error) = await RunAsync(Policy, "render", "-f", "-");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("name: web-proxy", output, StringComparison.Ordinal);
        Assert.Contains("secretName: web-tls", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ServiceInInputLacksPort_ExitsOneNamingTheField()
    {
        var file = Write("p.yaml", Policy + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{port: 8080}]

            """);

        var (code, output, error) = await RunAsync("", "render", "-f", file);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"{file}:1: spec.targetRef: Service \"web\" in namespace \"shop\" has no port 80 (PortNotFound)", error.Trim());
    }

    [Fact]
    public async Task Render_HAProxyFlag_PrintsOnlyTheConfigOfGateways()
    {
        var (code, output, _) = await RunAsync(Policy, "render", "-f", "-", "--haproxy");

        Assert.Equal(0, code);
        Assert.StartsWith("# ---- shop/web ----\n", output, StringComparison.Ordinal);
        Assert.Contains("\nfrontend ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("kind:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_InvalidPolicy_PrintsNothingAndExitsOne()
    {
        var (code, output, error) = await RunAsync(Policy.Replace("port: 80", "port: 0", StringComparison.Ordinal), "render", "-f", "-");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("<stdin>:1: spec.targetRef.port: must be between 1 and 65535", error.Trim());
    }

    [Theory]
    [InlineData("", "<stdin>")]
    [InlineData("kind: [", "<stdin>")]
    [InlineData("apiVersion: traffic.junction.dev/v1alpha1\nkind: ConfigMap\nmetadata: {name: x}\n", "<stdin>:1")]
    public async Task Render_UnusableInput_OneLineErrorNoStackTrace(string stdin, string location)
    {
        var (code, output, error) = await RunAsync(stdin, "render", "-f", "-");

        Assert.NotEqual(0, code);
        Assert.Equal("", output);
        Assert.StartsWith(location, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MissingFile_ExitsOne()
    {
        var (code, _, error) = await RunAsync("", "render", "-f", Path.Combine(_dir, "absent.yaml"));

        Assert.Equal(1, code);
        Assert.Contains("absent.yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoFileArgument_IsAUsageError()
    {
        var (code, _, error) = await RunAsync("", "render");

        Assert.Equal(2, code);
        Assert.StartsWith("junction render: needs at least one -f", error, StringComparison.Ordinal);
    }
}
