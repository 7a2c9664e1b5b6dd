using Junction.Cli;
using Junction.Tests.Translation;
using Xunit;

namespace Junction.Tests.Cli;

/// <summary>render --sidecar run in-process through the dispatcher: arguments, errors, the bundle and --root.</summary>
public sealed class RenderSidecarCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-render-sidecar-").FullName;

    private static string Sample => Path.Combine(TestPaths.Samples, "sidecar.yaml");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandDispatcher.RunAsync(args, new CliConsole(TextReader.Null, output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RenderSidecar_Sample_WritesTheBundleAndNothingElse()
    {
        var output = Path.Combine(directory, "out");

        var result = await RunAsync("render", "-f", Sample, "--sidecar", "shop/frontend", "--output-dir", output);

        Assert.Equal(0, result.Code);
        Assert.Equal(
            ["authz-exact.map", "authz.map", "dst.map", "haproxy.cfg", "host.map", "mode.map", "spiffe.lua", "tcp.map"],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("sidecar shop/frontend: bundle ", result.Out, StringComparison.Ordinal);
        var cfg = File.ReadAllText(Path.Combine(output, "haproxy.cfg"));
        Assert.Contains("bind :15001", cfg, StringComparison.Ordinal);
        Assert.Contains("bind :15006", cfg, StringComparison.Ordinal);
        Assert.Contains("verifyhost checkout.shop", cfg, StringComparison.Ordinal);
        Assert.Contains("balance random", cfg, StringComparison.Ordinal);
        Assert.Contains("10.96.20.10:8080 out_shop_checkout", File.ReadAllText(Path.Combine(output, "dst.map")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderSidecar_Root_PrefixesEveryAbsolutePath()
    {
        var output = Path.Combine(directory, "out");
        var root = Path.Combine(directory, "root");

        var result = await RunAsync("render", "-f", Sample, "--sidecar", "shop/checkout", "--output-dir", output, "--root", root);

        Assert.Equal(0, result.Code);
        var cfg = File.ReadAllText(Path.Combine(output, "haproxy.cfg"));
        var paths = System.Text.RegularExpressions.Regex.Matches(cfg, "\"(/[^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.StartsWith(root + "/", p, StringComparison.Ordinal));
        Assert.Contains("\"" + root + "/var/run/junction/admin.sock\" mode 600 level admin", cfg, StringComparison.Ordinal);
        Assert.Contains(root + "/var/run/junction/identity/tls.pem", cfg, StringComparison.Ordinal);
        Assert.Contains(root + "/etc/junction/proxy/authz.map", cfg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderSidecar_Nameserver_WrittenIntoResolvers()
    {
        var output = Path.Combine(directory, "out");

        var result = await RunAsync("render", "-f", Sample, "--sidecar", "shop/frontend", "--output-dir", output, "--nameserver", "127.0.0.53:5353", "--nameserver=127.0.0.54:53");

        Assert.Equal(0, result.Code);
        var cfg = File.ReadAllText(Path.Combine(output, "haproxy.cfg"));
        Assert.Contains("nameserver dns1 \"127.0.0.53:5353\"", cfg, StringComparison.Ordinal);
        Assert.Contains("nameserver dns2 \"127.0.0.54:53\"", cfg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderSidecar_PodLabelsSelectNoPolicy_PermissiveWithoutAuthorization()
    {
        var output = Path.Combine(directory, "out");

        var result = await RunAsync("render", "-f", Sample, "--sidecar", "shop/checkout", "--pod-labels", "app=other", "--output-dir", output);

        Assert.Equal(0, result.Code);
        Assert.Equal("mtls permissive\n", File.ReadAllText(Path.Combine(output, "mode.map")));
        Assert.Equal("", File.ReadAllText(Path.Combine(output, "authz.map")));
    }

    [Theory]
    [InlineData("--sidecar shop", "--sidecar \"shop\" must be <namespace>/<serviceaccount>")]
    [InlineData("--sidecar Shop/frontend", "--sidecar \"Shop/frontend\" must be <namespace>/<serviceaccount>")]
    [InlineData("--sidecar shop/frontend --pod-labels app", "--pod-labels \"app\" must be key=value")]
    [InlineData("--sidecar shop/frontend --pod-labels a=1,a=2", "--pod-labels \"a\" is given twice")]
    [InlineData("--sidecar shop/frontend --nameserver dns.local", "--nameserver \"dns.local\" must be <ip>:<port>")]
    [InlineData("--sidecar shop/frontend --nameserver 127.0.0.1", "--nameserver \"127.0.0.1\" must be <ip>:<port>")]
    [InlineData("--sidecar", "--sidecar needs a value")]
    [InlineData("--sidecar a/b --sidecar c/d", "--sidecar is given 2 times")]
    [InlineData("--output-dir OUT", "--output-dir needs --sidecar <namespace>/<serviceaccount>")]
    [InlineData("--sidecar shop/frontend --haproxy", "--haproxy and --sidecar exclude each other")]
    public async Task RenderSidecar_BadArgument_OneLineNamingItAndExit1(string arguments, string message)
    {
        var args = new List<string> { "render", "-f", Sample };
        args.AddRange(arguments.Replace("OUT", Path.Combine(directory, "out"), StringComparison.Ordinal).Split(' '));
        if (!arguments.Contains("--output-dir", StringComparison.Ordinal) && arguments != "--sidecar")
        {
            args.AddRange(["--output-dir", Path.Combine(directory, "out")]);
        }

        var result = await RunAsync([.. args]);

        Assert.Equal(1, result.Code);
        Assert.StartsWith("junction render: " + message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(directory, "out")));
    }

    [Fact]
    public async Task RenderSidecar_NoOutputDir_Exit1NamingIt()
    {
        var result = await RunAsync("render", "-f", Sample, "--sidecar", "shop/frontend");

        Assert.Equal(1, result.Code);
        Assert.Equal("junction render: --sidecar needs --output-dir <dir> to write the bundle into\n", result.Error);
    }

    [Fact]
    public async Task RenderSidecar_InvalidPolicy_Exit1AndNoBundle()
    {
        var input = Path.Combine(directory, "bad.yaml");
        await File.WriteAllTextAsync(input, """
            apiVersion: traffic.junction.dev/v1alpha1
            kind: TrafficPolicy
            metadata: {name: web, namespace: shop}
            spec:
              targetRef: {name: web, port: 80}
              exportTo: [Bad_Namespace]
              proxy: {mode: Sidecar, opaquePorts: [15006]}

            """);
        var output = Path.Combine(directory, "out");

        var result = await RunAsync("render", "-f", input, "--sidecar", "shop/frontend", "--output-dir", output);

        Assert.Equal(1, result.Code);
        Assert.Contains("spec.exportTo[0]: \"Bad_Namespace\" must be", result.Error, StringComparison.Ordinal);
        Assert.Contains("spec.proxy.opaquePorts[0]: 15006 is a port of the sidecar itself", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task RenderHelp_NamesTheSidecarOptions()
    {
        var result = await RunAsync("render", "--help");

        Assert.Equal(0, result.Code);
        Assert.Contains("--sidecar <namespace>/<serviceaccount>", result.Out, StringComparison.Ordinal);
        Assert.Contains("--root", result.Out, StringComparison.Ordinal);
        Assert.Contains("--nameserver", result.Out, StringComparison.Ordinal);
    }
}
