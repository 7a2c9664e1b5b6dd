using Xunit;
namespace Junction.Tests.ApiServer;

/// <summary>What a kubectl run produced.</summary>
internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
