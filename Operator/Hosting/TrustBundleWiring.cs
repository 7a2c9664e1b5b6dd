using Junction.Mesh.Identity;
using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Runtime.Events;
using Junction.Runtime.Hosting;
using Junction.Runtime.Informers;
using Junction.Runtime.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>
/// Adds the CA and trust-bundle controller to the operator: the CA Secret is read or created as
/// soon as this replica leads (the controller's first request), and every namespace with a
/// Sidecar-mode policy (or, when all namespaces are watched, the injection label) gets the bundle.
/// </summary>
internal static class TrustBundleWiring
{
    /// <summary>Registers the controller (and, cluster-wide, a Namespace informer) with <paramref name="manager"/>.</summary>
    public static CaBootstrap Add(
        Manager manager,
        OperatorInformers informers,
        Kubernetes client,
        IEventRecorder recorder,
        OperatorOptions options,
        TimeProvider time,
        MetricsRegistry metrics,
        ILoggerFactory loggers,
        ITrustBundleSource? external = null)
    {
        var ca = new CaBootstrap(
            new CaSecretClient(client),
            options.OperatorNamespace,
            new CertificateAuthorityOptions { TrustDomain = options.TrustDomain },
            time,
            loggers.CreateLogger<CaBootstrap>());

        // Namespaces are cluster-scoped: an operator confined to one namespace may not list them, and needs only its policies.
        var namespaces = options.WatchNamespace is null
            ? SharedInformers.Create<V1Namespace>(client, new InformerOptions { ResyncPeriod = options.ResyncPeriod, MetricPrefix = "junction_informer" }, time, metrics, loggers)
            : null;
        var reconciler = new TrustBundleReconciler(
            new TrustBundleView(informers, namespaces),
            new ConfigMapClient(client),
            ca,
            recorder,
            options.ResyncPeriod,
            loggers.CreateLogger<TrustBundleReconciler>(),
            external,
            agentGateways: options.ConfigDelivery == Translation.ConfigDelivery.Agent);
        var controller = new Controller(
            reconciler,
            new ControllerOptions { Name = "trustbundle", MaxConcurrentReconciles = 2, ShutdownTimeout = options.ShutdownTimeout },
            time,
            metrics,
            loggers.CreateLogger<Controller>());
        var queue = controller.Queue;

        informers.Policies.AddEventHandler(EnqueueHandlers.ForMapped<Api.V1Alpha1.TrafficPolicy>(queue, p => [Bundle(p)]));
        informers.ConfigMaps.AddEventHandler(EnqueueHandlers.ForMapped<V1ConfigMap>(queue, c =>
            c.Metadata.Name == MeshIdentityNames.TrustBundle ? [Bundle(c)] : []));
        informers.Secrets.AddEventHandler(EnqueueHandlers.ForMapped<V1Secret>(queue, s =>
            s.Metadata.Name == MeshIdentityNames.CaSecret && s.Metadata.NamespaceProperty == options.OperatorNamespace ? [reconciler.CaRequest] : []));
        if (namespaces is not null)
        {
            namespaces.AddEventHandler(EnqueueHandlers.ForMapped<V1Namespace>(queue, n => [TrustBundleReconciler.BundleRequest(n.Metadata.Name)]));
            manager.AddInformer(namespaces);
        }

        // Another root in the Secret means every bundle is stale: reconcile every namespace that has or may need one.
        void RequeueAll()
        {
            var all = informers.Policies.Cache.List().Select(p => p.Metadata.NamespaceProperty)
                .Concat(informers.ConfigMaps.Cache.List().Where(c => c.Metadata.Name == MeshIdentityNames.TrustBundle).Select(c => c.Metadata.NamespaceProperty))
                .Concat(namespaces?.Cache.List().Select(n => n.Metadata.Name) ?? []);
            foreach (var ns in all.Distinct(StringComparer.Ordinal))
            {
                queue.Add(TrustBundleReconciler.BundleRequest(ns));
            }
        }

        ca.Changed += RequeueAll;
        external?.Changed += RequeueAll;

        queue.Add(reconciler.CaRequest);
        manager.AddController(controller);
        return ca;
    }

    private static ReconcileRequest Bundle(IKubernetesObject<V1ObjectMeta> obj) => TrustBundleReconciler.BundleRequest(obj.Metadata.NamespaceProperty);
}
