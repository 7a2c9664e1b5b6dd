using Junction.Api.V1Alpha1;
using Junction.Ir;
using Junction.Tests.Support;
using Junction.Translation;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Translation;

/// <summary>
/// The translator's own layer: the IR it builds, the problems and notices it reports, and the
/// objects it assembles. What the HAProxy config says for a given IR is tested in
/// <see cref="HAProxy.HAProxyConfigWriterTests"/>.
/// </summary>
public sealed class PolicyTranslatorTests
{
    [Fact]
    public void Translate_BackendServiceMissing_ReportsBackendNotFoundWithFieldPath()
    {
        var result = Translate(Canary(), Services(("checkout", 8080)));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ReferenceReason.BackendNotFound, problem.Reason);
        Assert.Equal("spec.routes[0].backendRefs[1]: Service \"checkout-v2\" not found in namespace \"shop\"", problem.Message);
        Assert.False(result.Fragment.Routes[0].Backends[1].Target.Resolved);
    }

    [Fact]
    public void Translate_TargetMissingForSeveralRoutes_ReportsItOnce()
    {
        var policy = PolicyBuilder.Policy("shop", "checkout").Target("checkout", 8080).Route("canary").Route("other");

        var result = Translate(policy, []);

        Assert.Equal(2, result.Fragment.Routes.Count);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("spec.targetRef: Service \"checkout\" not found in namespace \"shop\"", problem.Message);
    }

    [Fact]
    public void Translate_ServiceWithoutReferencedPort_ReportsPortNotFound()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 9090)));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ReferenceReason.PortNotFound, problem.Reason);
        Assert.Equal("spec.routes[0].backendRefs[1]", problem.FieldPath);
    }

    [Fact]
    public void Translate_AssumeMissingServices_ReportsNothingAndCreatesTwins()
    {
        var result = PolicyTranslator.Translate(Canary().Build(), TranslationContext.Empty(assumeMissingServices: true));

        Assert.Empty(result.Problems);
        var twins = result.Objects.OfType<V1Service>().Where(s => s.Spec.ClusterIP == "None").ToList();
        Assert.Equal(2, twins.Count);
        Assert.All(twins, t => Assert.Equal(8080, Assert.Single(t.Spec.Ports).Port));
        Assert.Contains(twins, t => t.Spec.Selector["app"] == "checkout-v2");
    }

    [Fact]
    public void Translate_Canary_KeepsWeightsAsSharesOfTheRoute()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        var route = Assert.Single(result.Fragment.Routes);
        Assert.Equal(
            [("checkout", 8080, 90, "spec.routes[0].backendRefs[0]"), ("checkout-v2", 8080, 10, "spec.routes[0].backendRefs[1]")],
            route.Backends.Select(b => (b.Target.ServiceName, b.Target.Port, b.Weight, b.FieldPath)));
        Assert.All(route.Backends, b => Assert.True(b.Target.Resolved));
    }

    [Fact]
    public void Translate_SameServicePortListedTwice_IsOneBackendWithTheSummedWeight()
    {
        var policy = PolicyBuilder.Policy("shop", "checkout").Target("checkout", 8080)
            .Route("split", r => r.Backend("checkout", 8080, 30).Backend("checkout-v2", 8080, 10).Backend("checkout", 8080, 20));

        var result = Translate(policy, Services(("checkout", 8080), ("checkout-v2", 8080)));

        Assert.Equal([("checkout", 50), ("checkout-v2", 10)], result.Fragment.Routes[0].Backends.Select(b => (b.Target.ServiceName, b.Weight)));
    }

    [Fact]
    public void Translate_RouteAndTargetOnOneServicePort_CarryEqualTargetsAndRequests()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        // Equal (target, request policy) pairs are what lets the writer give them one backend.
        var fragment = result.Fragment;
        Assert.Equal(fragment.DefaultRoute.Backends[0].Target, fragment.Routes[0].Backends[0].Target);
        Assert.Equal(fragment.DefaultRoute.Requests, fragment.Routes[0].Requests);
    }

    [Fact]
    public void Translate_RouteWithOwnRetry_CarriesItsOwnRequestPolicy()
    {
        var policy = PolicyBuilder.Policy("shop", "checkout").Target("checkout", 8080)
            .Route("canary", r => r.Retry(0).Backend("checkout", 8080, 90).Backend("checkout-v2", 8080, 10));

        var result = Translate(policy, Services(("checkout", 8080), ("checkout-v2", 8080)));

        var route = result.Fragment.Routes[0];
        Assert.Equal(0, route.Requests.Retry.Attempts);
        Assert.Equal(2, result.Fragment.DefaultRoute.Requests.Retry.Attempts);
        Assert.NotEqual(result.Fragment.DefaultRoute.Requests, route.Requests);
    }

    [Fact]
    public void Translate_PolicyLabelsAndAnnotations_AreNeverCopiedToChildren()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        Assert.NotEmpty(result.Objects);
        foreach (var o in result.Objects)
        {
            Assert.DoesNotContain("argocd.argoproj.io/instance", o.Metadata.Labels.Keys);
            Assert.True(o.Metadata.Annotations is null || !o.Metadata.Annotations.ContainsKey("team"));
            Assert.Equal("junction", o.Metadata.Labels["app.kubernetes.io/managed-by"]);
            Assert.Equal("checkout", o.Metadata.Labels["traffic.junction.dev/policy"]);
            Assert.Null(o.Metadata.OwnerReferences);
        }
    }

    [Fact]
    public void Translate_Gateway_PodTemplateCarriesTheConfigHash()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        var deployment = Assert.Single(result.Objects.OfType<V1Deployment>());
        Assert.Equal(result.ConfigHash, deployment.Spec.Template.Metadata.Annotations["traffic.junction.dev/config-hash"]);
        var configMap = Assert.Single(result.Objects.OfType<V1ConfigMap>());
        Assert.Equal(result.HAProxyConfig, configMap.Data["haproxy.cfg"]);
        var unhashed = result.HAProxyConfig!
            .Replace("    setenv JUNCTION_CONFIG_HASH " + result.ConfigHash + "\n", "", StringComparison.Ordinal)
            .Replace("    description junction hash=" + result.ConfigHash + "\n", "", StringComparison.Ordinal);
        Assert.NotEqual(result.HAProxyConfig, unhashed);
        Assert.Equal(PolicyTranslator.BundleHash(unhashed, new Dictionary<string, string>()), result.ConfigHash);
    }

    [Fact]
    public void Translate_Gateway_RollsWithoutLosingCapacityAndDrainsBeforeStopping()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        var spec = Assert.Single(result.Objects.OfType<V1Deployment>()).Spec;
        Assert.Equal("RollingUpdate", spec.Strategy.Type);
        Assert.Equal("0", spec.Strategy.RollingUpdate.MaxUnavailable?.Value);
        Assert.Equal("1", spec.Strategy.RollingUpdate.MaxSurge?.Value);
        var pod = spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var preStop = container.Lifecycle.PreStop.Sleep.Seconds;
        Assert.True(preStop > 0, "no preStop sleep: the pod would stop while its endpoint still gets traffic");
        // The config writes the same limit as hard-stop-after (HAProxyConfigWriterTests).
        var hardStop = (long)ProxyLifecycle.HardStopAfter.TotalSeconds;
        Assert.True(pod.TerminationGracePeriodSeconds > preStop + hardStop, $"grace {pod.TerminationGracePeriodSeconds}s does not cover preStop {preStop}s + hard-stop-after {hardStop}s");
    }

    [Fact]
    public void Translate_Gateway_KeepsSocketAndServerStateOnTheWritableEmptyDir()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        var pod = Assert.Single(result.Objects.OfType<V1Deployment>()).Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal(["-W", "-db", "-S", "/var/run/haproxy/master.sock", "-f", "/usr/local/etc/haproxy/haproxy.cfg"], container.Args);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        var mount = Assert.Single(container.VolumeMounts, m => m.MountPath == "/var/run/haproxy");
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == mount.Name).EmptyDir);
        // The writer puts this file in the config (HAProxyConfigWriterTests); it must lie on that mount.
        Assert.Equal("/var/run/haproxy/server-state", PolicyTranslator.GlobalOptions(TranslatorOptions.Default).ServerStateFile);
    }

    [Fact]
    public void Translate_ConfigChange_ChangesTheHash()
    {
        var services = Services(("checkout", 8080), ("checkout-v2", 8080));
        var before = Translate(Canary(), services);
        var after = Translate(Canary(stableWeight: 80), services);

        Assert.NotEqual(before.ConfigHash, after.ConfigHash);
    }

    [Fact]
    public void Translate_GatewayMode_IngressPointsAtTheProxy()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        Assert.Equal(("checkout-proxy", 8080), (result.Fragment.Ingress!.BackendService, result.Fragment.Ingress.BackendPort));
        var backend = Assert.Single(result.Objects.OfType<V1Ingress>()).Spec.Rules[0].Http.Paths[0].Backend.Service;
        Assert.Equal("checkout-proxy", backend.Name);
        Assert.Equal(8080, backend.Port.Number);
    }

    [Fact]
    public void Translate_ModeNone_OnlyTheIngressToTheTarget()
    {
        var result = Translate(Canary().Mode(ProxyModes.None), Services(("checkout", 8080), ("checkout-v2", 8080)));

        Assert.Equal(ProxyMode.None, result.Fragment.Mode);
        Assert.Equal("checkout", result.Fragment.Ingress!.BackendService);
        var ingress = Assert.IsType<V1Ingress>(Assert.Single(result.Objects));
        Assert.Equal("checkout", ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Name);
        Assert.Null(result.HAProxyConfig);
        Assert.Null(result.ConfigHash);
    }

    [Fact]
    public void Translate_SidecarMode_NoGatewayButHeadlessTwinsForSidecars()
    {
        var result = Translate(Canary().Mode(ProxyModes.Sidecar), Services(("checkout", 8080), ("checkout-v2", 8080)));

        Assert.Equal(ProxyMode.Sidecar, result.Fragment.Mode);
        Assert.DoesNotContain(result.Fragment.Notices, n => n.StartsWith("spec.proxy.mode", StringComparison.Ordinal));
        Assert.Null(result.HAProxyConfig);
        var headless = result.Objects.OfType<V1Service>().ToList();
        Assert.Equal(2, headless.Count);
        Assert.All(headless, s => Assert.Equal("None", s.Spec.ClusterIP));
        Assert.Single(result.Objects.OfType<V1Ingress>());
        Assert.Empty(result.Objects.OfType<V1Deployment>());
    }

    [Fact]
    public void Translate_TlsSecretMissing_ReportsSecretNotFound()
    {
        var result = Translate(Canary().IngressTls("shop-tls"), Services(("checkout", 8080), ("checkout-v2", 8080)));

        Assert.Equal("shop-tls", result.Fragment.Ingress!.TlsSecretName);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ReferenceReason.SecretNotFound, problem.Reason);
        Assert.Equal("spec.ingress.tls.secretName: Secret \"shop-tls\" not found in namespace \"shop\"", problem.Message);
    }

    [Fact]
    public void Translate_NamedServicePort_DiscoversEndpointsBySrv()
    {
        var services = Services(("checkout", 8080), ("checkout-v2", 8080));
        services["checkout"].Spec.Ports[0].Name = "web";

        var result = Translate(Canary(), services);

        var target = result.Fragment.DefaultRoute.Backends[0].Target;
        Assert.True(target.Discovery.IsSrv);
        Assert.StartsWith("_web._tcp." + target.HeadlessServiceName + ".shop.svc.cluster.local", target.Discovery.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_NoRetryBlock_RetriesConnectFailuresOnly()
    {
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        var retry = result.Fragment.DefaultRoute.Requests.Retry;
        Assert.Equal(2, retry.Attempts);
        Assert.Equal([RetryCondition.ConnectFailure], retry.Conditions);
        Assert.Empty(retry.StatusCodes);
        Assert.False(retry.RetryNonIdempotent);
    }

    [Fact]
    public void Translate_RetryOnStatus_RetriesThatStatusAndNotNonIdempotentMethods()
    {
        var result = Translate(Canary().Retry(3, "503"), Services(("checkout", 8080), ("checkout-v2", 8080)));

        var retry = result.Fragment.DefaultRoute.Requests.Retry;
        Assert.Equal(3, retry.Attempts);
        Assert.Equal([RetryCondition.Status], retry.Conditions);
        Assert.Equal([503], retry.StatusCodes);
        Assert.False(retry.RetryNonIdempotent);
        Assert.Equal(retry, result.Fragment.Routes[0].Requests.Retry);
    }

    [Fact]
    public void Translate_ChangedPolicy_GivesUnequalIr()
    {
        var services = Services(("checkout", 8080), ("checkout-v2", 8080));
        var before = Translate(Canary(), services).Fragment;
        var same = Translate(Canary(), services).Fragment;
        var after = Translate(Canary(stableWeight: 80), services).Fragment;

        Assert.Equal(before, same);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void SetController_Child_OwnedByThePolicyAsController()
    {
        var policy = Canary().Build();
        policy.Metadata.Uid = "0d7c6a4e-1111-2222-3333-444455556666";
        var result = Translate(Canary(), Services(("checkout", 8080), ("checkout-v2", 8080)));

        var child = result.Objects[0];
        Junction.Objects.ChildObjects.SetController(child, policy);

        var owner = Assert.Single(child.Metadata.OwnerReferences);
        Assert.Equal(("traffic.junction.dev/v1alpha1", "TrafficPolicy", "checkout", "0d7c6a4e-1111-2222-3333-444455556666", true, true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
    }

    internal static TrafficPolicy Parse(string yaml) => new TranslationCase("inline", yaml).Policies().Single();

    // A canary split with an Ingress; the labels and annotations must never reach a child.
    private static PolicyBuilder Canary(int stableWeight = 90) => PolicyBuilder.Policy("shop", "checkout")
        .Label("argocd.argoproj.io/instance", "shop")
        .Annotation("team", "payments")
        .Target("checkout", 8080)
        .Ingress("shop.example.com")
        .Route("canary", r => r.Backend("checkout", 8080, stableWeight).Backend("checkout-v2", 8080, 10));

    private static TranslationResult Translate(PolicyBuilder policy, Dictionary<string, V1Service> services) =>
        PolicyTranslator.Translate(policy.Build(), TranslationContext.Empty() with { Services = services });

    private const string Budget = """
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: checkout, namespace: shop}
        spec:
          targetRef: {name: checkout, port: 8080}
          routes:
            - name: budget
              matches: [{path: {type: PathPrefix, value: /budget}}]
              timeouts: {request: 1s, idle: 1h}
              retry: {attempts: 3, perTryTimeout: 400ms, retryOn: [timeout, "503"]}
            - name: writes
              matches: [{method: POST}, {method: PATCH}]
              retry: {attempts: 2, retryOn: ["503"]}
          retry: {attempts: 1, retryOn: [connect-failure]}
        """;

    [Fact]
    public void Translate_TriesOutlastTheRequestTimeout_PutsThemBehindADeadlineAndSaysSo()
    {
        var result = Translate(Budget, Services(("checkout", 8080)));

        var budget = result.Fragment.Routes[0].Requests;
        Assert.True(budget.NeedsDeadline);
        Assert.Contains(result.Fragment.Notices, n => n == "spec.routes[0].retry: 4 tries x 400ms per try exceed the request timeout 1s; the proxy answers 504 at 1s, so after tries that time out only 2 can run");
        var config = result.HAProxyConfig!;
        Assert.Contains("backend be_shop_checkout:budget:checkout:8080\n    # Service shop/checkout port 8080 for spec.routes[0] (spec.targetRef): the whole request, every attempt included, within 1s\n    mode http\n    timeout connect 5s\n    timeout server 1s\n    timeout tunnel 1h\n    retries 0\n    server attempts abns@", config, StringComparison.Ordinal);
        Assert.Contains("backend be_shop_checkout:budget:checkout:8080:tries\n", config, StringComparison.Ordinal);
        Assert.Contains("    timeout server 400ms\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_ConnectFailureRetriesOnly_NeedNoDeadline()
    {
        var result = Translate(Budget, Services(("checkout", 8080)));

        Assert.False(result.Fragment.DefaultRoute.Requests.NeedsDeadline);
        Assert.DoesNotContain("be_shop_checkout:checkout:8080:tries", result.HAProxyConfig!, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_ResponseRetriesOnAPostOnlyRoute_NoticeSaysTheyNeverHappen()
    {
        var result = Translate(Budget, Services(("checkout", 8080)));

        Assert.Contains(result.Fragment.Notices, n => n == "spec.routes[1].retry: retries of failed responses never happen on a route that matches only POST, PATCH requests, which are not replayed without retryNonIdempotent");
    }

    [Fact]
    public void Translate_RouteIdle_BoundsThatRoutesUpgradedStreamsOnly()
    {
        var result = Translate(Budget, Services(("checkout", 8080)));

        Assert.Equal(TimeSpan.FromHours(1), result.Fragment.Routes[0].Requests.Idle);
        Assert.Equal(TimeSpan.FromMinutes(5), result.Fragment.Routes[1].Requests.Idle);
        Assert.Equal(TimeSpan.FromMinutes(5), result.Fragment.ClientTimeouts.Idle);
    }

    [Fact]
    public void Translate_PerTryTimeoutLongerThanTheRequest_IsCutToTheRequest()
    {
        var yaml = Budget.Replace("perTryTimeout: 400ms", "perTryTimeout: 3s", StringComparison.Ordinal);

        var result = Translate(yaml, Services(("checkout", 8080)));

        Assert.Equal(TimeSpan.FromSeconds(1), result.Fragment.Routes[0].Requests.Server);
    }

    [Fact]
    public void Deployment_ChecksTheConfigInAnInitContainerBeforeHAProxyStarts()
    {
        var result = Translate(Budget, Services(("checkout", 8080)));

        var deployment = Assert.Single(result.Objects.OfType<V1Deployment>());
        var pod = deployment.Spec.Template.Spec;
        var check = Assert.Single(pod.InitContainers);
        Assert.Equal("config-check", check.Name);
        Assert.Equal(pod.Containers[0].Image, check.Image);
        Assert.Equal(["haproxy", "-c", "-f", "/usr/local/etc/haproxy/haproxy.cfg"], check.Command.Concat(check.Args));
        Assert.Equal("FallbackToLogsOnError", check.TerminationMessagePolicy);
        Assert.Contains(check.VolumeMounts, m => m.Name == "config" && m.MountPath == "/usr/local/etc/haproxy" && m.ReadOnlyProperty == true);
    }

    private static TranslationResult Translate(string yaml, Dictionary<string, V1Service> services) =>
        PolicyTranslator.Translate(Parse(yaml), TranslationContext.Empty() with { Services = services });

    private static Dictionary<string, V1Service> Services(params (string Name, int Port)[] services) =>
        services.ToDictionary(s => s.Name, s => new V1Service
        {
            Metadata = new V1ObjectMeta { Name = s.Name, NamespaceProperty = "shop" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = s.Name },
                Ports = [new V1ServicePort { Port = s.Port, TargetPort = s.Port }],
            },
        });
}
