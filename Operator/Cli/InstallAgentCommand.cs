namespace Junction.Cli;

/// <summary>
/// junction install-agent --from &lt;file&gt; --to &lt;dir&gt;: the init container of an agent-mode gateway pod.
/// The operator image is distroless (no shell, no cp), so its own binary copies junction-agent onto
/// the pod's emptyDir, where the HAProxy container runs it.
/// </summary>
internal sealed class InstallAgentCommand : ICommand
{
    private const string Usage = "Usage: junction install-agent [--from <file>] --to <dir>";

    /// <inheritdoc />
    public string Name => "install-agent";

    /// <inheritdoc />
    public string Summary => "copy junction-agent into a pod's volume: install-agent [--from <file>] --to <dir>";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var from = Objects.ChildObjects.AgentInImage;
        string? to = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value; {Usage}");
            switch (args[i])
            {
                case "-h" or "--help":
                    await console.Out.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                case "--from":
                    from = Value();
                    break;
                case "--to":
                    to = Value();
                    break;
                default:
                    throw new UsageException($"unknown argument \"{args[i]}\"; {Usage}");
            }
        }

        if (to is null)
        {
            throw new UsageException($"--to is required; {Usage}");
        }

        if (!File.Exists(from))
        {
            await console.Error.WriteLineAsync($"junction install-agent: {from} does not exist").ConfigureAwait(false);
            return 1;
        }

        var target = Install(from, to);
        await console.Out.WriteLineAsync($"installed {target}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Copies <paramref name="from"/> into <paramref name="directory"/> under its own name, executable,
    /// through a temporary file and a rename, so that a restarted init container never leaves half a binary.
    /// </summary>
    public static string Install(string from, string directory)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, Path.GetFileName(from));
        var partial = target + ".partial";
        File.Copy(from, partial, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.Move(partial, target, overwrite: true);
        return target;
    }
}
