using Xunit;
namespace Junction.Testing;

/// <summary>What a kubectl run produced.</summary>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
