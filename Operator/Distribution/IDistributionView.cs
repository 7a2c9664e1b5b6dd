using Junction.Mesh.Sidecar;

namespace Junction.Distribution;

/// <summary>What the proxy API reads about the cluster, from the operator's informer caches.</summary>
internal interface IDistributionView
{
    /// <summary>
    /// The ServiceAccount the pods of Junction's gateway Deployment <paramref name="name"/> run as
    /// (<c>default</c> when the template names none), or null when there is no such Deployment.
    /// </summary>
    string? GatewayServiceAccount(string @namespace, string name);

    /// <summary>The labels of pod <paramref name="pod"/>, or null when it is not in the cache.</summary>
    IReadOnlyDictionary<string, string>? PodLabels(string @namespace, string pod);

    /// <summary>Every valid policy, Service and serving workload, for the sidecar translation.</summary>
    SidecarInputs SidecarInputs();
}
