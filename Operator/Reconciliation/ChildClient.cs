using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>Typed create/replace/read/delete for the child kinds, by their CLR type.</summary>
internal sealed class ChildClient(IKubernetes client)
{
    /// <summary>Creates the object; returns what the server stored.</summary>
    public async Task<IKubernetesObject<V1ObjectMeta>> CreateAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct)
    {
        var ns = obj.Metadata.NamespaceProperty;
        return obj switch
        {
            V1ConfigMap c => await client.CoreV1.CreateNamespacedConfigMapAsync(c, ns, cancellationToken: ct).ConfigureAwait(false),
            V1Service s => await client.CoreV1.CreateNamespacedServiceAsync(s, ns, cancellationToken: ct).ConfigureAwait(false),
            V1Deployment d => await client.AppsV1.CreateNamespacedDeploymentAsync(d, ns, cancellationToken: ct).ConfigureAwait(false),
            V1Ingress i => await client.NetworkingV1.CreateNamespacedIngressAsync(i, ns, cancellationToken: ct).ConfigureAwait(false),
            _ => throw Unsupported(obj),
        };
    }

    /// <summary>Replaces the object; its resourceVersion makes a stale write fail with 409.</summary>
    public async Task<IKubernetesObject<V1ObjectMeta>> ReplaceAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct)
    {
        var (ns, name) = (obj.Metadata.NamespaceProperty, obj.Metadata.Name);
        return obj switch
        {
            V1ConfigMap c => await client.CoreV1.ReplaceNamespacedConfigMapAsync(c, name, ns, cancellationToken: ct).ConfigureAwait(false),
            V1Service s => await client.CoreV1.ReplaceNamespacedServiceAsync(s, name, ns, cancellationToken: ct).ConfigureAwait(false),
            V1Deployment d => await client.AppsV1.ReplaceNamespacedDeploymentAsync(d, name, ns, cancellationToken: ct).ConfigureAwait(false),
            V1Ingress i => await client.NetworkingV1.ReplaceNamespacedIngressAsync(i, name, ns, cancellationToken: ct).ConfigureAwait(false),
            _ => throw Unsupported(obj),
        };
    }

    /// <summary>Reads the object of that kind and name from the server, or null when it does not exist.</summary>
    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(ChildKind kind, string ns, string name, CancellationToken ct)
    {
        try
        {
            return kind.Kind switch
            {
                "ConfigMap" => await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                "Service" => await client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                "Deployment" => await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                "Ingress" => await client.NetworkingV1.ReadNamespacedIngressAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                _ => throw new ArgumentException($"Junction does not manage {kind.Kind} objects", nameof(kind)),
            };
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes the object if it still has <paramref name="uid"/>; the precondition keeps a
    /// stale cache from deleting a newer object of the same name. Absent is success.
    /// </summary>
    public async Task DeleteAsync(ChildKind kind, string ns, string name, string uid, CancellationToken ct)
    {
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = uid }, PropagationPolicy = "Background" };
        try
        {
            _ = kind.Kind switch
            {
                "ConfigMap" => (object)await client.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, options, cancellationToken: ct).ConfigureAwait(false),
                "Service" => await client.CoreV1.DeleteNamespacedServiceAsync(name, ns, options, cancellationToken: ct).ConfigureAwait(false),
                "Deployment" => await client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, options, cancellationToken: ct).ConfigureAwait(false),
                "Ingress" => await client.NetworkingV1.DeleteNamespacedIngressAsync(name, ns, options, cancellationToken: ct).ConfigureAwait(false),
                _ => throw new ArgumentException($"Junction does not manage {kind.Kind} objects", nameof(kind)),
            };
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // Gone already, or replaced by a newer object (uid precondition): nothing of ours to delete.
        }
    }

    private static ArgumentException Unsupported(IKubernetesObject<V1ObjectMeta> obj) =>
        new($"Junction does not manage objects of type {obj.GetType().Name}", nameof(obj));
}
