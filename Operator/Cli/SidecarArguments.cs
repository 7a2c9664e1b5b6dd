using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Junction.Validation.Rules;

namespace Junction.Cli;

/// <summary>
/// The render verb's sidecar options, taken out of its arguments before the -f inputs are parsed.
/// Each value is checked here, so a bad one is named in a single line.
/// </summary>
/// <param name="Rest">The arguments that are not sidecar options.</param>
/// <param name="Sidecar">The sidecar options, when --sidecar was given and every value is valid.</param>
/// <param name="SidecarOnly">The first sidecar option given without --sidecar, if any.</param>
/// <param name="Error">What is wrong, naming the argument; null when nothing is.</param>
internal sealed record SidecarArguments(IReadOnlyList<string> Rest, SidecarArguments.Options? Sidecar, string? SidecarOnly, string? Error)
{
    private static readonly string[] Valued = ["--sidecar", "--pod-labels", "--output-dir", "--root", "--nameserver"];

    /// <summary>The parsed sidecar options.</summary>
    /// <param name="Namespace">The workload's namespace.</param>
    /// <param name="ServiceAccount">The workload's service account.</param>
    /// <param name="PodLabels">The pod labels, or null to take them from the input.</param>
    /// <param name="OutputDirectory">Where the bundle is written.</param>
    /// <param name="Root">The prefix of every absolute path in the config; empty for none.</param>
    /// <param name="Nameservers">DNS servers as ip:port.</param>
    internal sealed record Options(string Namespace, string ServiceAccount, IReadOnlyDictionary<string, string>? PodLabels, string OutputDirectory, string Root, ImmutableArray<string> Nameservers);

    /// <summary>Splits the sidecar options from the rest.</summary>
    public static SidecarArguments Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = Valued.FirstOrDefault(v => arg == v || arg.StartsWith(v + "=", StringComparison.Ordinal));
            if (name is null)
            {
                rest.Add(arg);
                continue;
            }

            string value;
            if (arg.Length > name.Length)
            {
                value = arg[(name.Length + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                return Fail(rest, $"{name} needs a value");
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(value);
        }

        foreach (var (name, list) in values)
        {
            if (name != "--nameserver" && list.Count > 1)
            {
                return Fail(rest, $"{name} is given {list.Count.ToString(CultureInfo.InvariantCulture)} times; give it once");
            }
        }

        if (!values.TryGetValue("--sidecar", out var sidecar))
        {
            var only = Valued.FirstOrDefault(values.ContainsKey);
            return new SidecarArguments(rest, null, only, null);
        }

        var parts = sidecar[0].Split('/');
        if (parts.Length != 2 || !Syntax.IsDns1123Label(parts[0]) || !Syntax.IsDns1123Subdomain(parts[1]))
        {
            return Fail(rest, $"--sidecar \"{sidecar[0]}\" must be <namespace>/<serviceaccount>, e.g. shop/frontend");
        }

        IReadOnlyDictionary<string, string>? labels = null;
        if (values.TryGetValue("--pod-labels", out var labelText))
        {
            var parsed = Labels(labelText[0]);
            if (parsed.Error is not null)
            {
                return Fail(rest, "--pod-labels " + parsed.Error);
            }

            labels = parsed.Labels;
        }

        if (!values.TryGetValue("--output-dir", out var output) || output[0].Length == 0)
        {
            return Fail(rest, "--sidecar needs --output-dir <dir> to write the bundle into");
        }

        var root = "";
        if (values.TryGetValue("--root", out var rootText))
        {
            if (rootText[0].Length == 0)
            {
                return Fail(rest, "--root needs a directory");
            }

            root = Path.GetFullPath(rootText[0]).TrimEnd('/');
        }

        var nameservers = values.TryGetValue("--nameserver", out var ns) ? ns : [];
        foreach (var server in nameservers)
        {
            if (!IPEndPoint.TryParse(server, out var endpoint) || endpoint.Port == 0 || !server.Contains(':', StringComparison.Ordinal))
            {
                return Fail(rest, $"--nameserver \"{server}\" must be <ip>:<port>, e.g. 127.0.0.53:53");
            }
        }

        return new SidecarArguments(rest, new Options(parts[0], parts[1], labels, output[0], root, [.. nameservers]), null, null);
    }

    private static (IReadOnlyDictionary<string, string>? Labels, string? Error) Labels(string text)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return (labels, null);
        }

        foreach (var pair in text.Split(','))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return (null, $"\"{pair}\" must be key=value (pairs separated by commas)");
            }

            var key = pair[..eq];
            if (!labels.TryAdd(key, pair[(eq + 1)..]))
            {
                return (null, $"\"{key}\" is given twice");
            }
        }

        return (labels, null);
    }

    private static SidecarArguments Fail(List<string> rest, string error) => new(rest, null, null, error);
}
