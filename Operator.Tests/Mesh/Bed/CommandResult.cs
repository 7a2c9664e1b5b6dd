namespace Junction.Tests.Mesh.Bed;

/// <summary>What a command run by the bed printed and how it ended (-1 when it was killed at its time limit).</summary>
internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
