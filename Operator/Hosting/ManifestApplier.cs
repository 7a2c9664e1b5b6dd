using Junction.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace Junction.Hosting;

/// <summary>Creates the objects of YAML manifests (Namespaces, Services, Secrets, TrafficPolicies, ...).</summary>
internal sealed class ManifestApplier(IKubernetes client)
{
    private static readonly Dictionary<string, Type> ExtraTypes = new()
    {
        [$"{TrafficPolicy.ApiVersionString}/{TrafficPolicy.KindName}"] = typeof(TrafficPolicy),
    };

    /// <summary>Creates every object of every *.yaml/*.yml file in <paramref name="directory"/>, in file name order.</summary>
    public async Task<IReadOnlyList<string>> ApplyDirectoryAsync(string directory, CancellationToken ct)
    {
        var created = new List<string>();
        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
            // Services and Secrets first, so that a policy finds its references on its first reconcile.
            foreach (var obj in KubernetesYaml.LoadAllFromString(text, ExtraTypes).OrderBy(o => o is TrafficPolicy))
            {
                created.Add(await CreateAsync(obj, ct).ConfigureAwait(false));
            }
        }

        return created;
    }

    /// <summary>Creates one object (and its namespace when missing); an object that exists already is left as it is.</summary>
    public async Task<string> CreateAsync(object obj, CancellationToken ct)
    {
        var meta = (obj as IMetadata<V1ObjectMeta>)?.Metadata ?? throw new InvalidOperationException($"a manifest of type {obj.GetType().Name} has no metadata");
        var ns = meta.NamespaceProperty ?? "default";
        meta.NamespaceProperty = obj is V1Namespace ? null : ns;
        try
        {
            if (obj is not V1Namespace)
            {
                await EnsureNamespaceAsync(ns, ct).ConfigureAwait(false);
            }

            await SendAsync(obj, ns, ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already there from an earlier run; the manifest is not forced over it.
        }

        return $"{((IKubernetesObject)obj).Kind} {ns}/{meta.Name}";
    }

    private async Task EnsureNamespaceAsync(string ns, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    private Task SendAsync(object obj, string ns, CancellationToken ct) => obj switch
    {
        V1Namespace n => client.CoreV1.CreateNamespaceAsync(n, cancellationToken: ct),
        V1Service s => client.CoreV1.CreateNamespacedServiceAsync(s, ns, cancellationToken: ct),
        V1Secret s => client.CoreV1.CreateNamespacedSecretAsync(s, ns, cancellationToken: ct),
        V1ConfigMap c => client.CoreV1.CreateNamespacedConfigMapAsync(c, ns, cancellationToken: ct),
        V1Deployment d => client.AppsV1.CreateNamespacedDeploymentAsync(d, ns, cancellationToken: ct),
        V1Ingress i => client.NetworkingV1.CreateNamespacedIngressAsync(i, ns, cancellationToken: ct),
        TrafficPolicy p => client.CustomObjects.CreateNamespacedCustomObjectAsync(p, TrafficPolicy.Group, TrafficPolicy.Version, ns, TrafficPolicy.Plural, cancellationToken: ct),
        _ => throw new InvalidOperationException($"junction run --local cannot apply objects of kind {((IKubernetesObject)obj).Kind}"),
    };
}
