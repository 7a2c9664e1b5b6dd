using Junction.Cli;
using Xunit;

namespace Junction.Tests.Validation;

/// <summary>The validate verb run in-process through the dispatcher, as the shell would run it.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("junction-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string[] Out, string[] Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandDispatcher.RunAsync(args, new CliConsole(new StringReader(stdin), output, error), CancellationToken.None);
        return (code, Lines(output), Lines(error));
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Validate_ValidFile_ExitsZeroWithSummary()
    {
        var file = Write("ok.yaml", TestPolicies.Minimal);

        var (code, output, error) = await RunAsync("", "validate", "-f", file);

        Assert.Equal(0, code);
        Assert.Equal(["1 policy valid, 0 invalid"], output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Validate_InvalidDocument_ExitsOneWithOneLinePerProblem()
    {
        var file = Write("bad.yaml", TestPolicies.Minimal + "---\n" + TestPolicies.Minimal.Replace("port: 8080", "port: 0", StringComparison.Ordinal) + "  protocol: UDP\n");

        var (code, output, error) = await RunAsync("", "validate", "-f", file);

        Assert.Equal(1, code);
        Assert.Equal(
        [
            $"{file}:2: spec.protocol: unsupported value \"UDP\": must be one of HTTP, HTTP2, GRPC, TCP",
            $"{file}:2: spec.targetRef.port: must be between 1 and 65535",
        ], error);
        Assert.Equal(["1 policy valid, 1 invalid"], output);
    }

    [Fact]
    public async Task Validate_Warnings_ExitZeroAndPrintWarningLines()
    {
        var file = Write("warn.yaml", TestPolicies.Minimal + "  proxy: {replicas: 1}\n");

        var (code, output, error) = await RunAsync("", "validate", "-f", file);

        Assert.Equal(0, code);
        Assert.Equal([$"{file}:1: warning: spec.proxy.replicas: a single replica has no high availability: a restart or node drain drops traffic"], error);
        Assert.Equal(["1 policy valid, 0 invalid"], output);
    }

    [Fact]
    public async Task Validate_ServicesGiven_WarnsAboutMissingServiceAndPort()
    {
        var services = Write("services.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: checkout, namespace: shop}
            spec:
              ports: [{port: 80}, {port: 443}]

            """);
        var policy = Write("policy.yaml", TestPolicies.Minimal + "  routes:\n    - name: v2\n      backendRefs: [{name: checkout-v2, port: 80}]\n");

        var (code, output, error) = await RunAsync("", "validate", "-f", policy, "-f", services);

        Assert.Equal(0, code);
        Assert.Equal(
        [
            $"{policy}:1: warning: spec.targetRef.port: Service \"checkout\" has no port 8080 (its ports: 80, 443)",
            $"{policy}:1: warning: spec.routes[0].backendRefs[0].name: Service \"checkout-v2\" is not among the Services given for namespace \"shop\"",
        ], error);
        Assert.Equal(["1 policy valid, 0 invalid"], output);
    }

    [Fact]
    public async Task Validate_Stdin_ReadsDash()
    {
        var (code, output, _) = await RunAsync(TestPolicies.Minimal + "---\n" + TestPolicies.Minimal, "validate", "-f", "-");

        Assert.Equal(0, code);
        Assert.Equal(["2 policies valid, 0 invalid"], output);
    }

    [Fact]
    public async Task Validate_SeveralInputs_SummarisesAll()
    {
        var good = Write("good.yaml", TestPolicies.Minimal);
        var missing = Path.Combine(_dir, "missing.yaml");

        var (code, output, error) = await RunAsync("", "validate", "-f", good, "--filename", missing);

        Assert.Equal(1, code);
        Assert.Equal([$"{missing}: no such file or directory"], error);
        Assert.Equal(["1 policy valid, 1 invalid"], output);
    }

    [Theory]
    [InlineData("kind: [\n", ":1: line 2, column 1: malformed YAML: ")]
    [InlineData("", ": contains no documents")]
    [InlineData("apiVersion: v1\nkind: TrafficPolicy\n", ":1: apiVersion: unsupported apiVersion \"v1\" with kind \"TrafficPolicy\"")]
    [InlineData(TestPolicies.Minimal + "  replica: 2\n", ":1: spec.replica: unknown field \"replica\"")]
    public async Task Validate_UnreadableInput_OneClearLineAndExitOne(string text, string expected)
    {
        var file = Write("input.yaml", text);

        var (code, _, error) = await RunAsync("", "validate", "-f", file);

        Assert.Equal(1, code);
        var line = Assert.Single(error);
        Assert.StartsWith(file + expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "validate" }, "junction validate: needs at least one -f <file|dir|->")]
    [InlineData(new[] { "validate", "-f" }, "junction validate: -f needs a file, directory or -")]
    [InlineData(new[] { "validate", "--strict" }, "junction validate: unknown argument \"--strict\"; usage: validate -f <file|dir|-> [-f ...]")]
    public async Task Validate_BadArguments_ExitTwoWithUsage(string[] args, string expected)
    {
        var (code, output, error) = await RunAsync("", args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal([expected], error);
    }

    [Fact]
    public async Task Validate_InvalidCorpus_EveryFileInvalidAndNoStackTrace()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "testdata", "invalid");
        var count = Directory.GetFiles(corpus, "*.yaml").Length;

        var (code, output, error) = await RunAsync("", "validate", "-f", corpus);

        Assert.Equal(1, code);
        Assert.Equal([$"0 policies valid, {count} invalid"], output);
        Assert.DoesNotContain(error, l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }
}
