using Junction.Api.V1Alpha1;
using Junction.Mesh.Sidecar;
using Junction.Reconciliation;
using Junction.Runtime.Informers;
using Junction.Runtime.Metrics;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Hosting;

/// <summary>
/// The informers the operator watches through, their indexes, and the reconciler's read view
/// over their caches.
/// </summary>
internal sealed class OperatorInformers : IClusterView
{
    /// <summary>Index of policies by the Services they reference, <c>namespace/name</c>.</summary>
    public const string ByServiceRef = "service-refs";

    /// <summary>Index of policies by the Secrets they reference, <c>namespace/name</c>.</summary>
    public const string BySecretRef = "secret-refs";

    /// <summary>Index of Sidecar-mode policies by namespace.</summary>
    public const string SidecarsByNamespace = "sidecars-by-namespace";

    private readonly Dictionary<ChildKind, ChildCache> children;

    /// <summary>
    /// Creates the informers; nothing is listed until <see cref="RunAsync"/>. <c>onUndecodable</c> is told
    /// of every object an informer skipped because it cannot be decoded.
    /// </summary>
    public OperatorInformers(Kubernetes client, OperatorOptions options, TimeProvider time, MetricsRegistry metrics, ILoggerFactory loggers, Action<IKubernetesObject<V1ObjectMeta>, string>? onUndecodable = null)
    {
        InformerOptions Informing(bool metadataOnly = false) => new()
        {
            Namespace = options.WatchNamespace,
            ResyncPeriod = options.ResyncPeriod,
            MetricPrefix = "junction_informer",
            OnUndecodable = onUndecodable,
            MetadataOnly = metadataOnly,
        };
        var informerOptions = Informing();
        Policies = SharedInformers.Create<TrafficPolicy>(client, informerOptions, time, metrics, loggers);
        Services = SharedInformers.Create<V1Service>(client, informerOptions, time, metrics, loggers);
        // Whether a TLS Secret exists is all a policy needs: its keys never reach this process.
        Secrets = SharedInformers.Create<V1Secret>(client, Informing(metadataOnly: true), time, metrics, loggers);
        Deployments = SharedInformers.Create<V1Deployment>(client, informerOptions, time, metrics, loggers);
        // All of them, not only Junction's: an account of a gateway's name that someone else made is a Conflict to report.
        ServiceAccounts = SharedInformers.Create<V1ServiceAccount>(client, informerOptions, time, metrics, loggers);
        Ingresses = SharedInformers.Create<V1Ingress>(client, informerOptions, time, metrics, loggers);
        ConfigMaps = SharedInformers.Create<V1ConfigMap>(client, informerOptions, time, metrics, loggers);
        DisruptionBudgets = SharedInformers.Create<V1PodDisruptionBudget>(client, informerOptions, time, metrics, loggers);
        // Sidecar-mode status counts the pods a policy's target selects; the rest of a pod is never read.
        Pods = SharedInformers.Create<V1Pod>(client, new InformerOptions
        {
            Namespace = options.WatchNamespace,
            ResyncPeriod = options.ResyncPeriod,
            MetricPrefix = "junction_informer",
            OnUndecodable = onUndecodable,
            Transform = pod => PodSelection.Strip((V1Pod)pod),
        }, time, metrics, loggers);
        Pods.AddIndexer(Indexers.ByNamespace, Indexers.Namespace);
        Policies.AddIndexer(ByServiceRef, p => Indexers.SameNamespace(p, PolicyReferences.Of(p).Services));
        Policies.AddIndexer(BySecretRef, p => Indexers.SameNamespace(p, PolicyReferences.Of(p).Secrets));
        Services.AddIndexer(Indexers.ByOwnerUid, Indexers.OwnerUid);
        Deployments.AddIndexer(Indexers.ByOwnerUid, Indexers.OwnerUid);
        ServiceAccounts.AddIndexer(Indexers.ByOwnerUid, Indexers.OwnerUid);
        Ingresses.AddIndexer(Indexers.ByOwnerUid, Indexers.OwnerUid);
        ConfigMaps.AddIndexer(Indexers.ByOwnerUid, Indexers.OwnerUid);
        DisruptionBudgets.AddIndexer(Indexers.ByOwnerUid, Indexers.OwnerUid);
        Policies.AddIndexer(ClaimedChildren.Index, ClaimedChildren.Of);
        Policies.AddIndexer(Indexers.ByNamespace, Indexers.Namespace);
        Policies.AddIndexer(SidecarsByNamespace, p => p.Spec?.Proxy?.Mode == ProxyModes.Sidecar ? Indexers.Namespace(p) : []);
        children = new Dictionary<ChildKind, ChildCache>
        {
            [ChildKind.ConfigMap] = ChildKind.ConfigMap.Over(ConfigMaps.Cache),
            [ChildKind.Service] = ChildKind.Service.Over(Services.Cache),
            [ChildKind.ServiceAccount] = ChildKind.ServiceAccount.Over(ServiceAccounts.Cache),
            [ChildKind.Deployment] = ChildKind.Deployment.Over(Deployments.Cache),
            [ChildKind.Ingress] = ChildKind.Ingress.Over(Ingresses.Cache),
            [ChildKind.DisruptionBudget] = ChildKind.DisruptionBudget.Over(DisruptionBudgets.Cache),
        };
    }

    /// <summary>TrafficPolicies.</summary>
    public Informer<TrafficPolicy> Policies { get; }

    /// <summary>Services: backends and the proxy's own Services.</summary>
    public Informer<V1Service> Services { get; }

    /// <summary>Secrets referenced for TLS, as metadata only: cached Secrets have no <c>data</c> or <c>type</c>.</summary>
    public Informer<V1Secret> Secrets { get; }

    /// <summary>Proxy Deployments.</summary>
    public Informer<V1Deployment> Deployments { get; }

    /// <summary>ServiceAccounts: the gateways' own, in agent delivery.</summary>
    public Informer<V1ServiceAccount> ServiceAccounts { get; }

    /// <summary>Ingresses.</summary>
    public Informer<V1Ingress> Ingresses { get; }

    /// <summary>Proxy ConfigMaps.</summary>
    public Informer<V1ConfigMap> ConfigMaps { get; }

    /// <summary>PodDisruptionBudgets of proxies.</summary>
    public Informer<V1PodDisruptionBudget> DisruptionBudgets { get; }

    /// <summary>Pods, stripped to what sidecar status reads (<see cref="PodSelection.Strip"/>).</summary>
    public Informer<V1Pod> Pods { get; }

    /// <summary>Every informer.</summary>
    public IInformer[] All => [Policies, Services, Secrets, ServiceAccounts, Deployments, Ingresses, ConfigMaps, DisruptionBudgets, Pods];

    /// <summary>Runs every informer until cancelled.</summary>
    public Task RunAsync(CancellationToken ct) => Task.WhenAll(All.Select(i => i.RunAsync(ct)));

    /// <inheritdoc />
    public TrafficPolicy? Policy(string ns, string name) => Policies.Cache.Get(ns, name);

    /// <summary>Tells the cache of its kind about an object the operator wrote (<see cref="Informer{T}.Assume"/>).</summary>
    public void Assume(IKubernetesObject<V1ObjectMeta> written)
    {
        switch (written)
        {
            case TrafficPolicy policy:
                Policies.Assume(policy);
                break;
            case V1ConfigMap configMap:
                ConfigMaps.Assume(configMap);
                break;
            case V1Service service:
                Services.Assume(service);
                break;
            case V1ServiceAccount account:
                ServiceAccounts.Assume(account);
                break;
            case V1Deployment deployment:
                Deployments.Assume(deployment);
                break;
            case V1Ingress ingress:
                Ingresses.Assume(ingress);
                break;
            case V1PodDisruptionBudget budget:
                DisruptionBudgets.Assume(budget);
                break;
            default:
                break;
        }
    }

    /// <inheritdoc />
    public V1Service? Service(string ns, string name) => Services.Cache.Get(ns, name);

    /// <inheritdoc />
    public V1Secret? Secret(string ns, string name) => Secrets.Cache.Get(ns, name);

    /// <inheritdoc />
    public IReadOnlyList<TrafficPolicy> PoliciesIn(string ns) => Policies.Cache.ByIndex(Indexers.ByNamespace, ns);

    /// <inheritdoc />
    public IReadOnlyList<TrafficPolicy> SidecarPoliciesIn(string ns) => Policies.Cache.ByIndex(SidecarsByNamespace, ns);

    /// <inheritdoc />
    /// <remarks>From the Deployments the operator caches; StatefulSets and bare Pods are not watched, so their Services are verified by the mesh CA only.</remarks>
    public IReadOnlyList<ServingWorkload> WorkloadsIn(string ns) =>
        Deployments.Cache.List().Where(d => d.Metadata.NamespaceProperty == ns).Select(ServingWorkload.From).OfType<ServingWorkload>().ToList();

    /// <inheritdoc />
    IReadOnlyList<V1Pod> IClusterView.Pods(string ns, IDictionary<string, string> selector) =>
        selector.Count == 0
            ? []
            : Pods.Cache.ByIndex(Indexers.ByNamespace, ns).Where(p => PodSelection.Selects(selector, p)).ToList();

    /// <inheritdoc />
    public IKubernetesObject<V1ObjectMeta>? Child(ChildKind kind, string ns, string name) => children[kind].Get(ns, name);

    /// <inheritdoc />
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ChildrenOf(string policyUid) =>
        ChildKind.All.SelectMany(k => children[k].OwnedBy(policyUid)).ToList();
}
