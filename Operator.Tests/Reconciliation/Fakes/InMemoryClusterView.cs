using System.Text.Json.Nodes;
using Junction.Api.V1Alpha1;
using Junction.Reconciliation;
using k8s;
using k8s.Models;

namespace Junction.Tests.Reconciliation.Fakes;

/// <summary>The reconciler's caches as plain dictionaries: what a test puts in is what the reconciler reads.</summary>
internal sealed class InMemoryClusterView : IClusterView
{
    private readonly Dictionary<(Type Type, string Namespace, string Name), IKubernetesObject<V1ObjectMeta>> objects = [];
    private int resourceVersion;

    /// <summary>Stores a copy of the object, as the cache would after a watch event; gives it a uid and resourceVersion when missing.</summary>
    public T Put<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var copy = Copy(obj);
        copy.Metadata.Uid ??= $"uid-{copy.Metadata.Name}-{Interlocked.Increment(ref resourceVersion)}";
        copy.Metadata.ResourceVersion ??= Interlocked.Increment(ref resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        objects[(copy.GetType(), copy.Metadata.NamespaceProperty, copy.Metadata.Name)] = copy;
        return Copy(copy);
    }

    /// <summary>Removes the object, as the cache would after a delete event.</summary>
    public void Remove(Type type, string ns, string name) => objects.Remove((type, ns, name));

    /// <summary>A copy of the stored object, or null.</summary>
    public IKubernetesObject<V1ObjectMeta>? Get(Type type, string ns, string name) =>
        objects.TryGetValue((type, ns, name), out var obj) ? Copy(obj) : null;

    /// <summary>The next resourceVersion, for writes the fakes accept.</summary>
    public string NextResourceVersion() => Interlocked.Increment(ref resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public TrafficPolicy? Policy(string ns, string name) => (TrafficPolicy?)Get(typeof(TrafficPolicy), ns, name);

    /// <inheritdoc />
    public V1Service? Service(string ns, string name) => (V1Service?)Get(typeof(V1Service), ns, name);

    /// <inheritdoc />
    public V1Secret? Secret(string ns, string name) => (V1Secret?)Get(typeof(V1Secret), ns, name);

    /// <inheritdoc />
    public IReadOnlyList<TrafficPolicy> PoliciesIn(string ns) =>
        objects.Values.OfType<TrafficPolicy>().Where(p => p.Metadata.NamespaceProperty == ns).Select(Copy).ToList();

    /// <inheritdoc />
    public IReadOnlyList<Junction.Mesh.Sidecar.ServingWorkload> WorkloadsIn(string ns) =>
        objects.Values.OfType<V1Deployment>().Where(d => d.Metadata.NamespaceProperty == ns)
            .Select(Junction.Mesh.Sidecar.ServingWorkload.From).OfType<Junction.Mesh.Sidecar.ServingWorkload>().ToList();

    /// <inheritdoc />
    public IReadOnlyList<V1Pod> Pods(string ns, IDictionary<string, string> selector) =>
        objects.Values
            .OfType<V1Pod>()
            .Where(p => p.Metadata.NamespaceProperty == ns && PodSelection.Selects(selector, p))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(Copy)
            .ToList();

    /// <inheritdoc />
    public IKubernetesObject<V1ObjectMeta>? Child(ChildKind kind, string ns, string name) => Get(kind.ClrType, ns, name);

    /// <inheritdoc />
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ChildrenOf(string policyUid) =>
        objects.Values
            .Where(o => ChildKind.All.Any(k => k.ClrType == o.GetType()) && o.Metadata.OwnerReferences?.Any(r => r.Uid == policyUid) == true)
            .Select(Copy)
            .ToList();

    /// <summary>A deep copy through JSON, so that nobody shares an object with the store.</summary>
    public static T Copy<T>(T obj)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var json = KubernetesJson.Serialize(obj);
        return (T)(obj switch
        {
            TrafficPolicy => KubernetesJson.Deserialize<TrafficPolicy>(json),
            V1Secret => KubernetesJson.Deserialize<V1Secret>(json),
            V1Pod => KubernetesJson.Deserialize<V1Pod>(json),
            _ => ChildKind.Of(obj).FromNode(JsonNode.Parse(json)!),
        });
    }
}
