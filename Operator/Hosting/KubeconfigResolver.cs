using k8s;
using k8s.Exceptions;

namespace Junction.Hosting;

/// <summary>Finds the cluster the way kubectl does: --kubeconfig, then $KUBECONFIG, then ~/.kube/config, then in-cluster.</summary>
internal static class KubeconfigResolver
{
    /// <summary>The client configuration and a description of where it came from.</summary>
    public static (KubernetesClientConfiguration Config, string Source) Resolve(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return (FromFile(explicitPath), explicitPath);
        }

        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        var first = env?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists);
        if (first is not null)
        {
            return (FromFile(first), first);
        }

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (File.Exists(home))
        {
            return (FromFile(home), home);
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            return (KubernetesClientConfiguration.InClusterConfig(), "in-cluster service account");
        }

        throw new InvalidOperationException("no kubeconfig found: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or use 'junction run --local'");
    }

    /// <summary>
    /// Reads a kubeconfig. A user entry without credentials (as kubectl accepts for an API server
    /// without authentication, like the in-memory one) means anonymous access, which the client
    /// library otherwise refuses.
    /// </summary>
    public static KubernetesClientConfiguration FromFile(string path)
    {
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }
        catch (KubeConfigException) when (AnonymousServer(path) is { } server)
        {
            return new KubernetesClientConfiguration { Host = server };
        }
    }

    private static string? AnonymousServer(string path)
    {
        var config = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path));
        var context = config.Contexts?.FirstOrDefault(c => c.Name == config.CurrentContext)?.ContextDetails;
        var user = config.Users?.FirstOrDefault(u => u.Name == context?.User)?.UserCredentials;
        var hasCredentials = user is not null && (user.Token is not null || user.ClientCertificateData is not null
            || user.UserName is not null || user.ExternalExecution is not null || user.AuthProvider is not null);
        return hasCredentials ? null : config.Clusters?.FirstOrDefault(c => c.Name == context?.Cluster)?.ClusterEndpoint?.Server;
    }
}
