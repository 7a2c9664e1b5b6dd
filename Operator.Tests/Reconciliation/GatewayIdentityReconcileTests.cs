using System.Security.Cryptography.X509Certificates;
using System.Text;
using Junction.Api.V1Alpha1;
using Junction.Tests.Distribution;
using Junction.Mesh.Identity;
using Junction.Objects;
using Junction.Reconciliation;
using Junction.Runtime.Controllers;
using Junction.Tests.Reconciliation.Fakes;
using Junction.Translation;
using Junction.Validation;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>
/// A gateway whose backend is meshed gets an identity Secret from Junction's CA: created on the
/// first reconcile, kept while it is fresh, re-issued (rolling the gateway) once less than a third
/// of its lifetime is left, removed when the gateway no longer needs it.
/// </summary>
public sealed class GatewayIdentityReconcileTests
{
    private static readonly ReconcileRequest Request = new("shop", "edge");
    private const string SecretName = "edge-proxy-identity";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero));
    private readonly InMemoryClusterView view = new();
    private readonly RecordingChildWriter children;
    private readonly RecordingStatusClient status;
    private readonly RecordingIdentitySecretStore secrets;
    private readonly RecordingLogger<GatewayIdentityIssuer> log = new();
    private readonly CaBootstrap ca;
    private readonly TrafficPolicyReconciler reconciler;

    public GatewayIdentityReconcileTests()
    {
        children = new RecordingChildWriter(view);
        status = new RecordingStatusClient(view);
        secrets = new RecordingIdentitySecretStore(view);
        ca = new CaBootstrap(new InMemoryCaSecretStore(), "junction-system", new CertificateAuthorityOptions(), time, NullLogger<CaBootstrap>.Instance);
        reconciler = new TrafficPolicyReconciler(
            view, new FakeProxyReports(time), new ChildApplier(view, children), new StatusWriter(status), new RecordingPolicyEvents(), TranslatorOptions.Default, ValidationOptions.Default, time,
            NullLogger<TrafficPolicyReconciler>.Instance,
            new GatewayIdentityIssuer(view, secrets, ca, time, log));
    }

    [Fact]
    public async Task Reconcile_MeshedBackend_CreatesIdentitySecretAndMountsIt()
    {
        SeedMesh();

        var result = await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(["create shop/" + SecretName], secrets.Calls);
        var secret = view.Secret("shop", SecretName)!;
        var pem = Encoding.UTF8.GetString(secret.Data[GatewayIdentityIssuer.CertificateKey]);
        Assert.Contains("PRIVATE KEY", pem, StringComparison.Ordinal);
        Assert.Equal(ca.TrustBundlePem, Encoding.UTF8.GetString(secret.Data[GatewayIdentityIssuer.TrustBundleKey]));
        using (var leaf = X509Certificate2.CreateFromPem(pem))
        {
            Assert.Contains("URI:spiffe://cluster.local/ns/shop/sa/default", leaf.Extensions["2.5.29.17"]!.Format(false).Replace("URL=", "URI:", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal("CN=default.shop, O=junction", leaf.Subject);
        }

        Assert.Equal("edge", Ownership.ControllingPolicyName(secret));
        var deployment = Deployment();
        Assert.Equal(secret.Metadata.Annotations[GatewayIdentityIssuer.ContentHashAnnotation], deployment.Spec.Template.Metadata.Annotations[ChildObjects.IdentityHashAnnotation]);
        Assert.Contains(deployment.Spec.Template.Spec.Volumes, v => v.Secret?.SecretName == SecretName);
        Assert.All(deployment.Spec.Template.Spec.Containers.Concat(deployment.Spec.Template.Spec.InitContainers), c =>
            Assert.Contains(c.VolumeMounts, m => m.MountPath == "/var/run/junction/identity" && m.ReadOnlyProperty == true));
        // 24 h leaves, valid from 5 min before issue: re-issued 2/3 into that, about 16 h from now.
        Assert.InRange(result.RequeueAfter, TimeSpan.FromHours(15.5), TimeSpan.FromHours(16.5));
        Assert.DoesNotContain(log.Lines, l => l.Contains("PRIVATE KEY", StringComparison.Ordinal) || l.Contains(pem[^80..], StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("spiffe://cluster.local/ns/shop/sa/default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_FreshIdentity_IsNotReissuedAndTheGatewayDoesNotRoll()
    {
        SeedMesh();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var first = view.Secret("shop", SecretName)!;
        secrets.Calls.Clear();
        children.Calls.Clear();
        time.Advance(TimeSpan.FromHours(15));

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Empty(secrets.Calls);
        Assert.DoesNotContain(children.Calls, c => c.StartsWith("replace Deployment", StringComparison.Ordinal));
        Assert.Equal(first.Data[GatewayIdentityIssuer.CertificateKey], view.Secret("shop", SecretName)!.Data[GatewayIdentityIssuer.CertificateKey]);
    }

    [Fact]
    public async Task Reconcile_IdentityWithLessThanAThirdLeft_IsReissuedAndRollsTheGateway()
    {
        SeedMesh();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        var oldHash = Deployment().Spec.Template.Metadata.Annotations[ChildObjects.IdentityHashAnnotation];
        var oldPem = view.Secret("shop", SecretName)!.Data[GatewayIdentityIssuer.CertificateKey];
        secrets.Calls.Clear();
        children.Calls.Clear();
        time.Advance(TimeSpan.FromHours(16.5));

        var result = await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(["replace shop/" + SecretName], secrets.Calls);
        Assert.NotEqual(oldPem, view.Secret("shop", SecretName)!.Data[GatewayIdentityIssuer.CertificateKey]);
        Assert.Contains("replace Deployment shop/edge-proxy", children.Calls);
        Assert.NotEqual(oldHash, Deployment().Spec.Template.Metadata.Annotations[ChildObjects.IdentityHashAnnotation]);
        Assert.InRange(result.RequeueAfter, TimeSpan.FromHours(15.5), TimeSpan.FromHours(16.5));
    }

    [Fact]
    public async Task Reconcile_BackendNoLongerMeshed_RemovesIdentityAndPlaintextDeployment()
    {
        SeedMesh();
        await reconciler.ReconcileAsync(Request, CancellationToken.None);
        view.Remove(typeof(TrafficPolicy), "shop", "checkout");
        secrets.Calls.Clear();

        var result = await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Equal(["delete shop/" + SecretName], secrets.Calls);
        Assert.Null(view.Secret("shop", SecretName));
        Assert.DoesNotContain(Deployment().Spec.Template.Spec.Volumes, v => v.Secret is not null);
        Assert.Equal(ReconcileResult.Done, result);
    }

    [Fact]
    public async Task Reconcile_IdentitySecretOfSomeoneElse_IsLeftAloneAndReportedAsConflict()
    {
        SeedMesh();
        view.Put(new V1Secret { Metadata = new V1ObjectMeta { Name = SecretName, NamespaceProperty = "shop" }, Data = new Dictionary<string, byte[]> { ["tls.pem"] = [1] } });

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        Assert.Empty(secrets.Calls);
        var written = status.Written.Last();
        Assert.Equal(("False", "Conflict"), Condition(written, "Programmed"));
        Assert.Contains("Secret shop/" + SecretName, written.Conditions!.Single(c => c.Type == "Programmed").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_StrictGatewayWithUnmeshedBackend_ReadyFalseNamingTheBackend()
    {
        SeedMesh(p =>
        {
            p.Spec.Mtls = new MutualTls { Mode = "Strict" };
            p.Spec.Routes = [new Route { Name = "old", Matches = [new RouteMatch { Path = new PathMatch { Type = MatchTypes.PathPrefix, Value = "/old" } }], BackendRefs = [new BackendRef { Name = "legacy", Port = 8080 }] }];
        });
        PutService("legacy");

        await reconciler.ReconcileAsync(Request, CancellationToken.None);

        var written = status.Written.Last();
        var ready = written.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "BackendNotMeshed"), (ready.Status, ready.Reason));
        Assert.Contains("Service \"legacy\"", ready.Message, StringComparison.Ordinal);
        Assert.Contains("spec.routes[0].backendRefs[0]", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_OperatorCannotSignGatewayIdentities_NoSecretAndReadyFalseNamingSpecMtls()
    {
        var unsigned = new TrafficPolicyReconciler(
            view, new FakeProxyReports(time), new ChildApplier(view, children), new StatusWriter(status), new RecordingPolicyEvents(), TranslatorOptions.Default, ValidationOptions.Default, time,
            NullLogger<TrafficPolicyReconciler>.Instance,
            new GatewayIdentityIssuer(view, secrets, ca, time, log, cannotSign: "cert-manager signs the mesh's identities"));
        SeedMesh();

        await unsigned.ReconcileAsync(Request, CancellationToken.None);

        Assert.Empty(secrets.Calls);
        var written = status.Written.Last();
        var ready = written.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "NotEnforced"), (ready.Status, ready.Reason));
        Assert.Contains(written.Warnings!, w => w.StartsWith("spec.mtls: cert-manager signs", StringComparison.Ordinal));
    }

    // A gateway "edge" in front of checkout, which a Sidecar-mode policy covers and whose pods run as checkout.
    private void SeedMesh(Action<TrafficPolicy>? customize = null)
    {
        PutService("checkout");
        view.Put(new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "checkout", NamespaceProperty = "shop" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "checkout" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "checkout" } },
                    Spec = new V1PodSpec { ServiceAccountName = "checkout", Containers = [new V1Container { Name = "app", Image = "example.com/checkout:1" }] },
                },
            },
        });
        view.Put(ClusterFixture.Policy("shop", "checkout", p =>
        {
            p.Spec.Ingress = null;
            p.Spec.Proxy = new ProxySpec { Mode = ProxyModes.Sidecar };
        }));
        var gateway = ClusterFixture.Policy("shop", "edge", p =>
        {
            p.Spec.TargetRef = new ServiceReference { Name = "checkout", Port = 8080 };
            p.Spec.Ingress = null;
            customize?.Invoke(p);
        });
        gateway.Metadata.Generation = 1;
        status.Seed(gateway);
    }

    private void PutService(string name) => view.Put(new V1Service
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
        Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] },
    });

    private V1Deployment Deployment() => (V1Deployment)view.Child(ChildKind.Deployment, "shop", "edge-proxy")!;

    private static (string Status, string Reason) Condition(TrafficPolicyStatus status, string type) =>
        status.Conditions!.Single(c => c.Type == type) is var c ? (c.Status, c.Reason) : default;
}
