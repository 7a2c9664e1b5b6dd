namespace Junction.Cli;

/// <summary>Bad command-line input; the dispatcher prints the message and exits 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
