namespace Junction.Cli;

/// <summary>The -f inputs and boolean flags of the verbs that read manifests.</summary>
internal sealed record InputArguments(IReadOnlyList<string> Inputs, IReadOnlySet<string> Flags)
{
    /// <summary>Parses -f/--filename (repeatable) and the given flags; null when help was asked for.</summary>
    public static InputArguments? Parse(IReadOnlyList<string> args, string usage, params string[] knownFlags)
    {
        var inputs = new List<string>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    return null;
                case "-f" or "--filename":
                    if (i + 1 >= args.Count)
                    {
                        throw new UsageException($"{args[i]} needs a file, directory or -");
                    }

                    inputs.Add(args[++i]);
                    break;
                case var a when a.StartsWith("--filename=", StringComparison.Ordinal):
                    inputs.Add(a["--filename=".Length..]);
                    break;
                case var a when knownFlags.Contains(a):
                    flags.Add(a);
                    break;
                default:
                    throw new UsageException($"unknown argument \"{args[i]}\"; usage: {usage}");
            }
        }

        return inputs.Count > 0
            ? new InputArguments(inputs, flags)
            : throw new UsageException("needs at least one -f <file|dir|->");
    }
}
