using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Tests.Reconciliation;
using Junction.Tests.Reconciliation.Fakes;
using Junction.Translation;
using Junction.Validation;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Distribution;

/// <summary>The reconciler hands each gateway bundle it computes to the proxy API.</summary>
public sealed class ReconcilerBundleTests
{
    private static readonly ReconcileRequest Request = new("shop", "checkout");
    private readonly InMemoryClusterView view = new();
    private readonly RecordingStatusClient status;
    private readonly RecordingBundles bundles = new();
    private readonly TrafficPolicyReconciler reconciler;

    public ReconcilerBundleTests()
    {
        status = new RecordingStatusClient(view);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
        reconciler = new TrafficPolicyReconciler(
            view,
            new FakeProxyReports(time),
            new ChildApplier(view, new RecordingChildWriter(view)),
            new StatusWriter(status),
            new RecordingPolicyEvents(),
            TranslatorOptions.Default,
            ValidationOptions.Default,
            time,
            NullLogger<TrafficPolicyReconciler>.Instance,
            bundles: bundles);
    }

    [Fact]
    public async Task Reconcile_GatewayPolicy_PublishesTheConfigMapFilesWithItsGeneration()
    {
        Seed(generation: 4);

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var (policy, deployment, hash, files) = Assert.Single(bundles.Published);
        Assert.Equal(new PolicyGeneration("shop", "checkout", 4), policy);
        Assert.Equal("checkout-proxy", deployment);
        var configMap = (V1ConfigMap)view.Child(ChildKind.ConfigMap, "shop", "checkout-proxy")!;
        Assert.Equal(configMap.Data, files);
        Assert.Contains("description junction hash=" + hash, files["haproxy.cfg"], StringComparison.Ordinal);
        Assert.Contains("setenv JUNCTION_CONFIG_HASH " + hash, files["haproxy.cfg"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_RejectedSpec_LeavesTheLastBundleServing()
    {
        Seed(generation: 5, p => p.Spec.Routes = [new Route { Name = "bad", BackendRefs = [new BackendRef { Name = "checkout", Port = 8080, Weight = 0 }] }]);

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Empty(bundles.Published);
        Assert.Empty(bundles.Withdrawn);
    }

    [Fact]
    public async Task Reconcile_PolicyGone_Withdraws()
    {
        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal([("shop", "checkout-proxy")], bundles.Withdrawn);
    }

    [Fact]
    public async Task Reconcile_SidecarPolicy_WithdrawsTheGateway()
    {
        Seed(generation: 2, p => p.Spec.Proxy = new ProxySpec { Mode = ProxyModes.Sidecar });

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Empty(bundles.Published);
        Assert.Equal([("shop", "checkout-proxy")], bundles.Withdrawn);
    }

    [Fact]
    public async Task Reconcile_NewBackend_PublishesOnlyOnceItsEndpointsServiceExists()
    {
        Seed(generation: 1);
        var twin = Junction.Ir.ChildNames.HeadlessService("checkout", "checkout");
        bundles.Probe = () => view.Child(ChildKind.Service, "shop", twin) is not null;

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        // A proxy handed the bundle first would ask DNS for a name that does not exist yet.
        Assert.Equal([true], bundles.Probed);
    }

    [Fact]
    public async Task Reconcile_KnownBackends_PublishesBeforeTheChildrenAreWritten()
    {
        Seed(generation: 1);
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        bundles.Published.Clear();
        Seed(generation: 2, p => p.Spec.Timeouts = new Timeouts { Request = "3s" });
        var configMapBefore = ((V1ConfigMap)view.Child(ChildKind.ConfigMap, "shop", "checkout-proxy")!).Data["haproxy.cfg"];
        bundles.Probe = () => ((V1ConfigMap)view.Child(ChildKind.ConfigMap, "shop", "checkout-proxy")!).Data["haproxy.cfg"] == configMapBefore;

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        // The agents do not wait for the ConfigMap write: the bundle goes out first.
        var (published, _, _, files) = Assert.Single(bundles.Published);
        Assert.Equal(2, published.Generation);
        Assert.NotEqual(configMapBefore, files["haproxy.cfg"]);
        Assert.Equal([true], bundles.Probed);
    }

    private void Seed(long generation, Action<TrafficPolicy>? customize = null)
    {
        view.Put(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "checkout" }, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] },
        });
        var policy = ClusterFixture.Policy("shop", "checkout", customize);
        policy.Metadata.Generation = generation;
        status.Seed(policy);
    }

    private sealed class RecordingBundles : IGatewayBundles
    {
        public List<(PolicyGeneration Policy, string Deployment, string Hash, IReadOnlyDictionary<string, string> Files)> Published { get; } = [];

        public List<(string Namespace, string Deployment)> Withdrawn { get; } = [];

        /// <summary>Asked at every publish; its answers go to <see cref="Probed"/>.</summary>
        public Func<bool>? Probe { get; set; }

        public List<bool> Probed { get; } = [];

        public void Publish(PolicyGeneration policy, string deployment, string hash, IReadOnlyDictionary<string, string> files)
        {
            Published.Add((policy, deployment, hash, files));
            if (Probe is { } probe)
            {
                Probed.Add(probe());
            }
        }

        public void Withdraw(string @namespace, string deployment) => Withdrawn.Add((@namespace, deployment));
    }
}
