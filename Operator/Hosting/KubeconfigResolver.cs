using k8s;

namespace Junction.Hosting;

/// <summary>Finds the cluster the way kubectl does: --kubeconfig, then $KUBECONFIG, then ~/.kube/config, then in-cluster.</summary>
internal static class KubeconfigResolver
{
    /// <summary>The client configuration and a description of where it came from.</summary>
    public static (KubernetesClientConfiguration Config, string Source) Resolve(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return (KubernetesClientConfiguration.BuildConfigFromConfigFile(explicitPath), explicitPath);
        }

        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        var first = env?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
        if (first is not null)
        {
            return (KubernetesClientConfiguration.BuildConfigFromConfigFile(first), first);
        }

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (File.Exists(home))
        {
            return (KubernetesClientConfiguration.BuildConfigFromConfigFile(home), home);
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            return (KubernetesClientConfiguration.InClusterConfig(), "in-cluster service account");
        }

        throw new InvalidOperationException("no kubeconfig found: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or use 'junction run --local'");
    }
}
