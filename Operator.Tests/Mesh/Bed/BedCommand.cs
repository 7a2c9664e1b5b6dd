using System.Diagnostics;

namespace Junction.Tests.Mesh.Bed;

/// <summary>Runs a short external command with a time limit; a command still running then is killed with its children.</summary>
internal static class BedCommand
{
    public static async Task<CommandResult> RunAsync(TimeSpan limit, IReadOnlyList<string> command, CancellationToken ct = default)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {command[0]}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new CommandResult(-1, await stdout, await stderr + $"\n{string.Join(' ', command)}: killed after {limit.TotalSeconds:0.#}s");
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the command and throws with its output when it fails.</summary>
    public static async Task<string> CheckedAsync(IReadOnlyList<string> command, CancellationToken ct = default)
    {
        var result = await RunAsync(TimeSpan.FromSeconds(20), command, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed: {result}");
        }

        return result.Stdout;
    }
}
