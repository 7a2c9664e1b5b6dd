namespace Junction.Cli;

/// <summary>One CLI verb.</summary>
internal interface ICommand
{
    /// <summary>The verb as typed, e.g. render.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    /// <summary>Runs the verb with the arguments after the verb; returns the exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken);
}
