namespace Junction.Cli;

/// <summary>Finds the verb and runs it; turns every failure into a one-line message and an exit code.</summary>
internal static class CommandDispatcher
{
    // Keep sorted by name; each verb lives in its own <Verb>Command.cs.
    private static ICommand[] Commands() =>
    [
        new CrdsCommand(),
        new InitNetCommand(),
        new InstallAgentCommand(),
        new LocalApiServerCommand(),
        new RenderCommand(),
        new RunCommand(),
        new ValidateCommand(),
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var commands = Commands();
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            await PrintUsageAsync(console.Out, commands).ConfigureAwait(false);
            return args.Count == 0 ? 2 : 0;
        }

        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await console.Error.WriteLineAsync($"junction: unknown command \"{args[0]}\"; run 'junction --help' for the list").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await command.RunAsync(args.Skip(1).ToArray(), console, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"junction {command.Name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e)
        {
            // A stack trace helps nobody at the terminal; the type and message name the fault.
            await console.Error.WriteLineAsync($"junction {command.Name}: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task PrintUsageAsync(TextWriter output, IEnumerable<ICommand> commands)
    {
        await output.WriteLineAsync("junction - reconciles TrafficPolicies into Ingresses and HAProxy proxies").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Usage: junction <command> [options]").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Commands:").ConfigureAwait(false);
        foreach (var c in commands)
        {
            await output.WriteLineAsync($"  {c.Name,-16} {c.Summary}").ConfigureAwait(false);
        }
    }
}
