using System.Diagnostics;

namespace Junction.Tests.Mesh.Capture;

/// <summary>
/// A network namespace the test creates and always deletes (Dispose), with loopback up. Nothing in it
/// reaches the host's network: it has no interface but the ones the test adds.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>Creates one, or returns null with the reason when this machine does not allow it.</summary>
    public static NetworkNamespace? TryCreate(out string reason)
    {
        var name = "jx-test-" + Guid.NewGuid().ToString("N")[..8];
        var (exit, output) = Run("ip", "netns", "add", name);
        if (exit != 0)
        {
            reason = "ip netns add is not permitted here: " + output;
            return null;
        }

        var created = new NetworkNamespace(name);
        created.Exec("ip", "link", "set", "lo", "up");
        reason = "";
        return created;
    }

    /// <summary>Runs a command inside the namespace; throws when it fails.</summary>
    public string Exec(params string[] command)
    {
        var (exit, output) = Run(["ip", "netns", "exec", Name, .. command]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed in {Name} (exit {exit}): {output}");
        }

        return output;
    }

    /// <summary>Starts a long-running process inside the namespace; the caller kills it.</summary>
    public Process Start(params string[] command)
    {
        var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", Name }.Concat(command))
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    public void Dispose() => Run("ip", "netns", "del", Name);

    public static (int ExitCode, string Output) Run(params string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, string.Join(' ', command) + " timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
