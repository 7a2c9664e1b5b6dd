using Junction.Runtime.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Informers;

/// <summary>Creating informers and waiting for them.</summary>
public static class SharedInformers
{
    /// <summary>
    /// Creates an informer for <typeparamref name="T"/> through <paramref name="client"/>; the
    /// kind's group, version and plural come from its <see cref="KubernetesEntityAttribute"/>.
    /// </summary>
    public static Informer<T> Create<T>(Kubernetes client, InformerOptions options, TimeProvider timeProvider, MetricsRegistry metrics, ILoggerFactory loggerFactory)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var type = ResourceType.For<T>();
        return new Informer<T>(
            type.Kind,
            new KubernetesListerWatcher<T>(client, type, options, timeProvider),
            options,
            timeProvider,
            metrics,
            loggerFactory.CreateLogger($"Junction.Runtime.Informers.Informer.{type.Kind}"));
    }

    /// <summary>
    /// Waits until every informer has synced (client-go <c>cache.WaitForCacheSync</c>).
    /// Returns false when <paramref name="cancellationToken"/> is cancelled first.
    /// </summary>
    public static async Task<bool> WaitForCacheSync(CancellationToken cancellationToken, params IInformer[] informers)
    {
        try
        {
            await Task.WhenAll(informers.Select(i => i.Synced)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
