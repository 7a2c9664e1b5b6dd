using System.Globalization;

namespace Junction.Cli;

/// <summary>The run verb's flags, parsed.</summary>
internal sealed record RunArguments
{
    /// <summary>Start the in-memory API server and run against it.</summary>
    public bool Local { get; init; }

    /// <summary>The kubeconfig to read, or with --local the kubeconfig to write.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>--leader-elect as given; null when not given (then on in-cluster, off elsewhere).</summary>
    public bool? LeaderElect { get; init; }

    /// <summary>--workers.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>--namespace: watch one namespace only.</summary>
    public string? Namespace { get; init; }

    /// <summary>--metrics-bind-address; null for the default of the mode.</summary>
    public string? MetricsBindAddress { get; init; }

    /// <summary>--health-probe-bind-address; null for the default of the mode.</summary>
    public string? HealthProbeBindAddress { get; init; }

    /// <summary>--proxy-api-bind-address; null for the default of the mode.</summary>
    public string? ProxyApiBindAddress { get; init; }

    /// <summary>--proxy-image.</summary>
    public string? ProxyImage { get; init; }

    /// <summary>--allowed-proxy-registries, split at commas; empty for the default image's registry.</summary>
    public IReadOnlyList<string> AllowedProxyRegistries { get; init; } = [];

    /// <summary>--leader-election-namespace; null for the operator's own namespace (in cluster) or the kubeconfig's.</summary>
    public string? LeaderElectionNamespace { get; init; }

    /// <summary>--no-samples: with --local, apply nothing.</summary>
    public bool NoSamples { get; init; }

    /// <summary>--samples: with --local, the directory of manifests to apply.</summary>
    public string? SamplesDirectory { get; init; }

    /// <summary>Usage text for the run verb.</summary>
    public const string Usage = """
        Usage: junction run [--local] [options]

          --local                         start an in-memory API server, install the CRD, apply samples/, and reconcile
          --kubeconfig <path>             kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, in-cluster);
                                          with --local, where to write the kubeconfig for kubectl
          --namespace <ns>                watch one namespace (default: all)
          --workers <n>                   policies reconciled at the same time (default: 4)
          --leader-elect[=true|false]     elect a leader on the Lease junction-leader (default: on in-cluster)
          --metrics-bind-address <addr>   /metrics address, "0" disables (default: :8080; --local: 127.0.0.1:0)
          --health-probe-bind-address <addr>  /healthz and /readyz address, "0" disables (default: :8081; --local: 127.0.0.1:0)
          --proxy-api-bind-address <addr>  HTTPS address agents fetch bundles and identities from, "0" disables
                                          (default: :15012; --local: 127.0.0.1:0)
          --proxy-image <image>           HAProxy image for gateway Deployments (default: haproxy:3.2.4)
          --allowed-proxy-registries <list>  comma-separated registry/path prefixes spec.proxy.image may use
                                          (default: the default image's, docker.io/library for haproxy:3.2.4)
          --leader-election-namespace <ns>  namespace of the Lease (default: in cluster the operator's own
                                          namespace, else the kubeconfig context's namespace or "default")
          --samples <dir>                 with --local: manifests to apply (default: ./samples)
          --no-samples                    with --local: apply nothing
        """;

    /// <summary>Parses the flags after the verb; throws <see cref="UsageException"/> on anything unknown or malformed.</summary>
    public static RunArguments Parse(IReadOnlyList<string> args)
    {
        var result = new RunArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{flag} needs a value"));
            result = flag switch
            {
                "--local" => result with { Local = true },
                "--kubeconfig" => result with { Kubeconfig = Value() },
                "--namespace" or "-n" => result with { Namespace = Value() },
                "--workers" => result with { Workers = PositiveInt(flag, Value()) },
                "--leader-elect" => result with { LeaderElect = inline is null || Bool(flag, inline) },
                "--metrics-bind-address" => result with { MetricsBindAddress = Value() },
                "--health-probe-bind-address" => result with { HealthProbeBindAddress = Value() },
                "--proxy-api-bind-address" => result with { ProxyApiBindAddress = Value() },
                "--proxy-image" => result with { ProxyImage = Value() },
                "--allowed-proxy-registries" => result with { AllowedProxyRegistries = Registries(flag, Value()) },
                "--leader-election-namespace" => result with { LeaderElectionNamespace = NonEmpty(flag, Value()) },
                "--samples" => result with { SamplesDirectory = Value() },
                "--no-samples" => result with { NoSamples = true },
                _ => throw new UsageException($"unknown flag \"{args[i]}\"; run 'junction run --help'"),
            };
        }

        return result;
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static int PositiveInt(string flag, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{flag} must be a positive whole number, not \"{value}\"");

    private static string[] Registries(string flag, string value)
    {
        var entries = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return entries.Length > 0 && entries.All(IsPrefix)
            ? entries
            : throw new UsageException($"{flag} must be a comma-separated list of registry prefixes such as docker.io/library, not \"{value}\"");
    }

    // A colon may only be a registry port (localhost:5000/team); anywhere else it would be a tag, which a prefix has not.
    private static bool IsPrefix(string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? entry : entry[..slash];
        var path = slash < 0 ? "" : entry[slash..];
        return !entry.Any(char.IsWhiteSpace) && !entry.Contains('@', StringComparison.Ordinal)
            && !path.Contains(':', StringComparison.Ordinal) && host.Count(c => c == ':') <= 1;
    }

    private static string NonEmpty(string flag, string value) =>
        value.Length > 0 ? value : throw new UsageException($"{flag} needs a value");

    private static bool Bool(string flag, string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new UsageException($"{flag} must be true or false, not \"{value}\""),
    };
}
