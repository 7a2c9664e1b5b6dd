using Junction.Crds;

namespace Junction.Cli;

/// <summary>junction crds [--output-dir &lt;dir&gt;]: prints or writes the generated CustomResourceDefinition.</summary>
internal sealed class CrdsCommand : ICommand
{
    public string Name => "crds";

    public string Summary => "print the TrafficPolicy CRD, or write it: crds [--output-dir <dir>]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        string? outputDir = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await console.Out.WriteLineAsync("Usage: junction crds [--output-dir <dir>]").ConfigureAwait(false);
                    await console.Out.WriteLineAsync($"Prints the CRD, or writes <dir>/{CrdGenerator.FileName}.").ConfigureAwait(false);
                    return 0;
                case "--output-dir" or "-o" when i + 1 < args.Count:
                    outputDir = args[++i];
                    break;
                case "--output-dir" or "-o":
                    throw new UsageException($"{args[i]} needs a directory");
                case var a when a.StartsWith("--output-dir=", StringComparison.Ordinal):
                    outputDir = a["--output-dir=".Length..];
                    break;
                default:
                    throw new UsageException($"unknown argument \"{args[i]}\"; usage: crds [--output-dir <dir>]");
            }
        }

        var yaml = CrdGenerator.Generate();
        if (outputDir is null)
        {
            await console.Out.WriteAsync(yaml).ConfigureAwait(false);
            return 0;
        }

        Directory.CreateDirectory(outputDir);
        var path = Path.Combine(outputDir, CrdGenerator.FileName);
        await File.WriteAllTextAsync(path, yaml, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
        return 0;
    }
}
