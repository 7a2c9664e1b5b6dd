using k8s;
using k8s.Models;

namespace Junction.Runtime.Informers;

/// <summary>What an informer watches and how it recovers.</summary>
public sealed class InformerOptions
{
    /// <summary>Watch one namespace; null watches all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>Only objects matching this label selector, e.g. <c>app.kubernetes.io/managed-by=junction</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Only objects matching this field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// List and watch metadata only (kube-apiserver's <c>as=PartialObjectMetadata</c>): cached objects carry
    /// apiVersion, kind and metadata and nothing else, so the contents of, say, Secrets are never sent to
    /// this process, let alone held by it.
    /// </summary>
    public bool MetadataOnly { get; init; }

    /// <summary>Re-deliver every cached object as an update this often; zero disables resync.</summary>
    public TimeSpan ResyncPeriod { get; init; }

    /// <summary>The page size of lists.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// The server-side timeout of one watch, stretched at random up to twice this; the informer
    /// then watches again from the last resourceVersion.
    /// </summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first delay after a failure (client-go's reflector: 800 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>The longest delay after repeated failures (client-go's reflector: 30 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The backoff starts over once no failure happened for this long (client-go's reflector: 2 min).</summary>
    public TimeSpan BackoffResetAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The start of the informer's metric names, e.g. <c>informer</c> gives <c>informer_lists_total</c>.</summary>
    public string MetricPrefix { get; init; } = "informer";

    /// <summary>
    /// After this many failed watches in a row the informer lists again instead of watching from its
    /// resourceVersion, and reports itself not synced until a list or watch succeeds.
    /// </summary>
    public int FailuresBeforeRelist { get; init; } = 3;

    /// <summary>
    /// Called for each object the informer skipped because it cannot be decoded (its apiVersion, kind and
    /// metadata, and the error), for example to record an Event on it. Exceptions are logged and ignored.
    /// </summary>
    public Action<IKubernetesObject<V1ObjectMeta>, string>? OnUndecodable { get; init; }

    /// <summary>
    /// Applied to every decoded object before it reaches the cache (client-go's <c>SetTransform</c>): it may
    /// drop the fields nobody reads, so that a cache of a large kind such as Pods holds only what its
    /// readers need. It must return an object of the same type and must not keep the one it was given.
    /// </summary>
    public Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>>? Transform { get; init; }

    /// <summary>Each delay is stretched by a random fraction up to this, so that restarted clients do not retry in step.</summary>
    public double BackoffJitter { get; init; } = 1.0;
}
