using Junction.Api.V1Alpha1;
using Junction.Distribution;
using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Tests.Distribution;
using Junction.Tests.Reconciliation.Fakes;
using Junction.Translation;
using Junction.Validation;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>Sidecar-mode status counts the covered pods that carry the Junction sidecar and names one that does not.</summary>
public sealed class SidecarCoverageTests
{
    private static readonly ReconcileRequest Request = new("shop", "checkout");

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero));
    private readonly InMemoryClusterView view = new();
    private readonly RecordingStatusClient status;
    private readonly FakeProxyReports reports;
    private readonly TrafficPolicyReconciler reconciler;
    private readonly ProxyKey sidecar = new(ProxyKind.Sidecar, "shop", "checkout");

    public SidecarCoverageTests()
    {
        status = new RecordingStatusClient(view);
        reports = new FakeProxyReports(time);
        reconciler = new TrafficPolicyReconciler(view, reports, new ChildApplier(view, new RecordingChildWriter(view)), new StatusWriter(status), new RecordingPolicyEvents(), TranslatorOptions.Default, ValidationOptions.Default, time, NullLogger<TrafficPolicyReconciler>.Instance);
        view.Put(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "checkout" }, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] },
        });
        var policy = ClusterFixture.Policy("shop", "checkout", p =>
        {
            p.Spec.Proxy = new ProxySpec { Mode = ProxyModes.Sidecar };
            p.Spec.Ingress = null;
        });
        policy.Metadata.Generation = 1;
        status.Seed(policy);
        reports.Served("h1", new PolicyGeneration("shop", "checkout", 1));
    }

    [Fact]
    public async Task Reconcile_CoveredPodWithoutSidecar_ReadyFalseSidecarMissingNamesThePod()
    {
        Pod("checkout-a", injected: true);
        Pod("checkout-b", injected: false);
        reports.Report(sidecar, "checkout-a", "h1");

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = status.Written[^1];
        var ready = written.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "SidecarMissing"), (ready.Status, ready.Reason));
        Assert.Equal(
            "1 of 2 proxies run generation 1; 1 of 2 pods have the Junction sidecar: pod shop/checkout-b has no Junction sidecar (namespace not labelled traffic.junction.dev/inject=enabled, or the pod opted out).",
            ready.Message);
        // The ACK count is unchanged: only what the agents report is counted as running.
        Assert.Equal((2, 1, 1, "1 of 2 proxies run generation 1"), (written.Proxy!.Instances, written.Proxy.Current, written.Proxy.Sidecars, written.Proxy.Summary));
    }

    [Fact]
    public async Task Reconcile_InjectedPodNotReportingYet_ProxyNotReadyNotSidecarMissing()
    {
        Pod("checkout-a", injected: true);
        Pod("checkout-b", injected: true);
        reports.Report(sidecar, "checkout-a", "h1");

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = status.Written[^1];
        Assert.Equal("ProxyNotReady", written.Conditions!.Single(c => c.Type == "Ready").Reason);
        Assert.Equal((2, 1, 2), (written.Proxy!.Instances, written.Proxy.Current, written.Proxy.Sidecars));
    }

    [Fact]
    public async Task Reconcile_PodWithoutInjectedContainerButReportingAgent_CountsAsSidecar()
    {
        Pod("checkout-a", injected: true);
        Pod("checkout-b", injected: false);
        reports.Report(sidecar, "checkout-a", "h1");
        reports.Report(sidecar, "checkout-b", "h1");

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = status.Written[^1];
        Assert.Equal(("True", "Ready"), written.Conditions!.Single(c => c.Type == "Ready") is var c ? (c.Status, c.Reason) : default);
        Assert.Equal(2, written.Proxy!.Sidecars);
    }

    [Fact]
    public async Task Reconcile_SeveralPodsWithoutSidecar_NamesTheFirstAndCountsTheRest()
    {
        Pod("checkout-c", injected: false);
        Pod("checkout-a", injected: false);
        Pod("checkout-b", injected: false);

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var ready = status.Written[^1].Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal("SidecarMissing", ready.Reason);
        Assert.Contains("0 of 3 pods have the Junction sidecar: pod shop/checkout-a (and 2 more) has no Junction sidecar", ready.Message, StringComparison.Ordinal);
        Assert.Equal(0, status.Written[^1].Proxy!.Sidecars);
    }

    [Fact]
    public void Strip_InjectedPod_KeepsOnlyTheProxyContainersName()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p" },
            Spec = new V1PodSpec
            {
                InitContainers = [new V1Container { Name = "junction-init", Image = "junction:1" }, new V1Container { Name = "junction-proxy", Image = "haproxy:3.2.4", RestartPolicy = "Always" }],
                Containers = [new V1Container { Name = "app", Image = "app:1" }],
            },
        };

        var stripped = PodSelection.Strip(pod);

        Assert.Equal(["junction-proxy"], stripped.Spec.InitContainers.Select(c => c.Name));
        Assert.Null(stripped.Spec.InitContainers[0].Image);
        Assert.Null(stripped.Spec.Containers);
        Assert.True(Junction.Mesh.Sidecar.SidecarPod.HasProxy(stripped));
    }

    // As the operator's Pod cache holds it: stripped, the proxy container kept by name only.
    private void Pod(string name, bool injected) =>
        view.Put(PodSelection.Strip(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", Labels = new Dictionary<string, string> { ["app"] = "checkout" } },
            Spec = new V1PodSpec
            {
                ServiceAccountName = "checkout",
                InitContainers = injected ? [new V1Container { Name = "junction-init" }, new V1Container { Name = "junction-proxy", RestartPolicy = "Always" }] : null,
                Containers = [new V1Container { Name = "app" }],
            },
            Status = new V1PodStatus { Phase = "Running" },
        }));
}
