using Junction.Hosting;

namespace Junction.Cli;

/// <summary>Turns the run verb's flags into operator options for a cluster or a local run.</summary>
internal static class RunCommandOptions
{
    /// <summary>Options for a run against a cluster; leader election defaults to on in-cluster.</summary>
    public static OperatorOptions ForCluster(RunArguments args, bool inCluster)
    {
        var own = OperatorNamespace() ?? "junction-system";
        return new OperatorOptions
        {
            Workers = args.Workers,
            WatchNamespace = args.Namespace,
            LeaderElect = args.LeaderElect ?? inCluster,
            LeaseNamespace = own,
            OperatorNamespace = own,
            MetricsBindAddress = args.MetricsBindAddress ?? ":8080",
            HealthProbeBindAddress = args.HealthProbeBindAddress ?? ":8081",
            ProxyImage = args.ProxyImage,
        };
    }

    /// <summary>Options for --local: one instance, endpoints on loopback with free ports.</summary>
    public static OperatorOptions ForLocal(RunArguments args) => new()
    {
        Workers = args.Workers,
        WatchNamespace = args.Namespace,
        LeaderElect = args.LeaderElect ?? false,
        LeaseNamespace = "default",
        OperatorNamespace = "default",
        MetricsBindAddress = args.MetricsBindAddress ?? "127.0.0.1:0",
        HealthProbeBindAddress = args.HealthProbeBindAddress ?? "127.0.0.1:0",
        ProxyImage = args.ProxyImage,
    };

    // In a pod, the service account's namespace file names the operator's own namespace.
    private static string? OperatorNamespace()
    {
        const string path = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
