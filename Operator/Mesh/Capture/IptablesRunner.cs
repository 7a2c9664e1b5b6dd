using System.Collections.Immutable;
using System.Diagnostics;

namespace Junction.Mesh.Capture;

/// <summary>
/// Runs iptables commands, optionally behind a prefix such as <c>ip netns exec &lt;name&gt;</c>
/// (tests apply the rules inside a network namespace of their own).
/// </summary>
internal sealed class IptablesRunner(ImmutableArray<string> prefix)
{
    /// <summary>Runs iptables in the current network namespace.</summary>
    public static IptablesRunner Local { get; } = new(["iptables"]);

    /// <summary>Runs one command; returns its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(ImmutableArray<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(prefix[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Skip(1).Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{prefix[0]} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).Trim());
    }

    /// <summary>Removes earlier rules (ignoring absent ones), then installs; stops at the first failing install command.</summary>
    /// <returns>Null on success, else the failing command and iptables' message.</returns>
    public async Task<string?> ApplyAsync(CaptureOptions options, CancellationToken cancellationToken)
    {
        foreach (var command in CaptureRules.Uninstall())
        {
            await RunAsync(command, cancellationToken).ConfigureAwait(false);
        }

        foreach (var command in CaptureRules.Install(options))
        {
            var (exit, output) = await RunAsync(command, cancellationToken).ConfigureAwait(false);
            if (exit != 0)
            {
                return $"{CaptureRules.ShellLine(command)} failed (exit {exit}): {output}";
            }
        }

        return null;
    }
}
