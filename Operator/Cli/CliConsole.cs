namespace Junction.Cli;

/// <summary>The standard streams a command reads and writes; tests pass their own.</summary>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
