using Junction.Cli;
using Xunit;

namespace Junction.Tests.Cli;

public sealed class InitNetCommandTests
{
    [Fact]
    public async Task DryRun_PrintsEveryIptablesCommandAndRunsNone()
    {
        var (exit, stdout, stderr) = await Run("init-net", "--dry-run", "--exclude-outbound-ports", "5432,3306");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("iptables -w -t nat ", l, StringComparison.Ordinal));
        Assert.Contains("iptables -w -t nat -A JX_OUTPUT -p tcp --dport 3306 -j RETURN", lines);
        Assert.Contains("iptables -w -t nat -A JX_OUTPUT -p tcp --dport 5432 -j RETURN", lines);
    }

    [Theory]
    [InlineData("--exclude-inbound-ports", "80,http", "junction init-net: --exclude-inbound-ports: \"http\" is not a port (1-65535)")]
    [InlineData("--exclude-outbound-ports", "15001", "junction init-net: --exclude-outbound-ports: 15001 is one of the proxy's own ports and cannot be excluded")]
    [InlineData("--exclude-inbound-ports", "70000", "junction init-net: --exclude-inbound-ports: \"70000\" is not a port (1-65535)")]
    public async Task BadPortList_ExitsTwoWithOneLineNamingTheOption(string option, string value, string expected)
    {
        var (exit, _, stderr) = await Run("init-net", "--dry-run", option, value);

        Assert.Equal(2, exit);
        Assert.Equal(expected, stderr.TrimEnd());
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandDispatcher.RunAsync(args, new CliConsole(TextReader.Null, stdout, stderr), CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
