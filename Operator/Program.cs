using Junction.Cli;

namespace Junction;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var console = new CliConsole(Console.In, Console.Out, Console.Error);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            // Off the signal thread: the cancellation callbacks (the whole shutdown) run on the pool.
            _ = cancel.CancelAsync();
        };
        return await CommandDispatcher.RunAsync(args, console, cancel.Token).ConfigureAwait(false);
    }
}
