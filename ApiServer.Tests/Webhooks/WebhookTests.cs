using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Junction.ApiServer.Tests.Webhooks;

/// <summary>Admission webhooks called the way kube-apiserver calls them, against a real HTTPS webhook on loopback.</summary>
public sealed class WebhookTests : ApiServerTest, IDisposable
{
    private readonly List<TestWebhookServer> hooks = [];

    public void Dispose()
    {
        foreach (var h in hooks)
        {
            h.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task MutatingWebhook_JsonPatch_IsOnTheStoredPod()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Patch(
            Op("add", "/metadata/labels/injected", "true"),
            Op("add", "/spec/initContainers", new JsonArray(new JsonObject { ["name"] = "init-net", ["image"] = "junction:dev" }))));
        await Configure("mutating", Webhook("inject.test.dev", hook.Url("/mutate"), hook.CaBundle, PodRule("CREATE")));

        var created = await CreatePod("web");
        var stored = await Json(await Send(HttpMethod.Get, "api/v1/namespaces/default/pods/web"));

        Assert.Equal("true", created["metadata"]!["labels"]!["injected"]!.GetValue<string>());
        Assert.Equal("true", stored["metadata"]!["labels"]!["injected"]!.GetValue<string>());
        Assert.Equal("init-net", stored["spec"]!["initContainers"]![0]!["name"]!.GetValue<string>());
        // The server defaulted what the patch added, as after any change.
        Assert.Equal("File", stored["spec"]!["initContainers"]![0]!["terminationMessagePolicy"]!.GetValue<string>());
        var request = Assert.Single(hook.Requests);
        Assert.Equal("CREATE", request["operation"]!.GetValue<string>());
        Assert.Equal("Pod", request["kind"]!["kind"]!.GetValue<string>());
        Assert.Equal("pods", request["resource"]!["resource"]!.GetValue<string>());
        Assert.Equal("default", request["namespace"]!.GetValue<string>());
        Assert.Equal("web", request["name"]!.GetValue<string>());
        Assert.False(request["dryRun"]!.GetValue<bool>());
        Assert.Equal("CreateOptions", request["options"]!["kind"]!.GetValue<string>());
        Assert.Null(request["oldObject"]);
    }

    [Fact]
    public async Task ValidatingWebhook_Denies_WithItsCodeAndMessage()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Deny(403, "pods need an owner label"));
        await Configure("validating", Webhook("owner.test.dev", hook.Url("/validate"), hook.CaBundle, PodRule("CREATE")));

        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/pods", PodJson("web"));
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("admission webhook \"owner.test.dev\" denied the request: pods need an owner label", status["message"]!.GetValue<string>());
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "api/v1/namespaces/default/pods/web")).StatusCode);
    }

    [Fact]
    public async Task WebhookDown_FailurePolicyFail_RefusesWithInternalError()
    {
        var port = ClosedPort();
        await Configure("mutating", Webhook("down.test.dev", $"https://127.0.0.1:{port}/mutate", string.Empty, PodRule("CREATE")));

        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/pods", PodJson("web"));
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("InternalError", status["reason"]!.GetValue<string>());
        Assert.Equal(
            $"Internal error occurred: failed calling webhook \"down.test.dev\": failed to call webhook: Post \"https://127.0.0.1:{port}/mutate?timeout=10s\": dial tcp 127.0.0.1:{port}: connect: connection refused",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WebhookDown_FailurePolicyIgnore_AdmitsUnchanged()
    {
        var webhook = Webhook("down.test.dev", $"https://127.0.0.1:{ClosedPort()}/mutate", string.Empty, PodRule("CREATE"));
        webhook["failurePolicy"] = "Ignore";
        await Configure("mutating", webhook);

        var created = await CreatePod("web");

        Assert.Null(created["metadata"]!["labels"]?["injected"]);
    }

    [Fact]
    public async Task SlowWebhook_PastTimeoutSeconds_FailsWithDeadlineExceeded()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Allow(), delay: TimeSpan.FromSeconds(5));
        var webhook = Webhook("slow.test.dev", hook.Url("/mutate"), hook.CaBundle, PodRule("CREATE"));
        webhook["timeoutSeconds"] = 1;
        await Configure("mutating", webhook);

        var clock = Stopwatch.StartNew();
        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/pods", PodJson("web"));
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.EndsWith($"Post \"{hook.Url("/mutate")}?timeout=1s\": context deadline exceeded", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task NamespaceSelector_CallsForLabelledNamespacesOnly()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Patch(Op("add", "/metadata/labels/injected", "true")));
        var webhook = Webhook("inject.test.dev", hook.Url("/mutate"), hook.CaBundle, PodRule("CREATE"));
        webhook["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["traffic.junction.dev/inject"] = "enabled" } };
        await Configure("mutating", webhook);
        await Send(HttpMethod.Post, "api/v1/namespaces", """{"metadata":{"name":"meshed","labels":{"traffic.junction.dev/inject":"enabled"}}}""");
        await Send(HttpMethod.Post, "api/v1/namespaces", """{"metadata":{"name":"plain"}}""");

        var meshed = await CreatePod("a", "meshed");
        var plain = await CreatePod("b", "plain");
        var ns = await Json(await Send(HttpMethod.Get, "api/v1/namespaces/plain"));

        Assert.Equal("true", meshed["metadata"]!["labels"]!["injected"]!.GetValue<string>());
        Assert.Null(plain["metadata"]!["labels"]?["injected"]);
        Assert.Single(hook.Requests);
        Assert.Equal("plain", ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
    }

    [Fact]
    public async Task NamespaceSelector_OnMetadataNameLabel_ExcludesKubeSystem()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Allow());
        var webhook = Webhook("inject.test.dev", hook.Url("/mutate"), hook.CaBundle, PodRule("CREATE"));
        webhook["namespaceSelector"] = new JsonObject
        {
            ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "kubernetes.io/metadata.name", ["operator"] = "NotIn", ["values"] = new JsonArray("kube-system") }),
        };
        await Configure("mutating", webhook);

        await CreatePod("a", "kube-system");
        await CreatePod("b", "default");

        Assert.Equal("b", Assert.Single(hook.Requests)["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ObjectSelector_SkipsObjectsWithoutTheLabel()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Allow());
        var webhook = Webhook("inject.test.dev", hook.Url("/mutate"), hook.CaBundle, PodRule("CREATE"));
        webhook["objectSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } };
        await Configure("mutating", webhook);

        await CreatePod("labelled", labels: """{"app":"web"}""");
        await CreatePod("other", labels: """{"app":"db"}""");

        Assert.Equal("labelled", Assert.Single(hook.Requests)["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReinvocationIfNeeded_LaterWebhookChangesObject_FirstIsCalledAgain()
    {
        var hook = await Hook((path, request) => path switch
        {
            "/first" => TestWebhookServer.Allow(),
            _ => request["object"]!["metadata"]!["labels"]?["second"] is null
                ? TestWebhookServer.Patch(Op("add", "/metadata/labels/second", "done"))
                : TestWebhookServer.Allow(),
        });
        var first = Webhook("first.test.dev", hook.Url("/first"), hook.CaBundle, PodRule("CREATE"));
        first["reinvocationPolicy"] = "IfNeeded";
        await Configure("mutating", first, name: "a-first");
        await Configure("mutating", Webhook("second.test.dev", hook.Url("/second"), hook.CaBundle, PodRule("CREATE")), name: "b-second");

        await CreatePod("web");

        var names = hook.Requests.Select(r => r["object"]!["metadata"]!["labels"]?["second"]?.GetValue<string>() ?? "-").ToList();
        Assert.Equal(["-", "-", "done"], names);
    }

    [Fact]
    public async Task ReinvocationNever_LaterWebhookChangesObject_FirstIsCalledOnce()
    {
        var hook = await Hook((path, _) => path == "/first" ? TestWebhookServer.Allow() : TestWebhookServer.Patch(Op("add", "/metadata/labels/second", "done")));
        await Configure("mutating", Webhook("first.test.dev", hook.Url("/first"), hook.CaBundle, PodRule("CREATE")), name: "a-first");
        await Configure("mutating", Webhook("second.test.dev", hook.Url("/second"), hook.CaBundle, PodRule("CREATE")), name: "b-second");

        await CreatePod("web");

        Assert.Equal(2, hook.Requests.Count);
    }

    [Fact]
    public async Task DryRun_WebhookWithUnknownSideEffects_IsRefusedWithoutCalling()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Allow());
        var webhook = Webhook("effects.test.dev", hook.Url("/mutate"), hook.CaBundle, PodRule("CREATE"));
        webhook["sideEffects"] = "Unknown";
        await Configure("mutating", webhook);

        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/pods?dryRun=All", PodJson("web"));
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("admission webhook \"effects.test.dev\" does not support dry run", status["message"]!.GetValue<string>());
        Assert.Empty(hook.Requests);
    }

    [Fact]
    public async Task DryRun_WebhookWithoutSideEffects_IsCalledWithDryRunAndNothingStored()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Patch(Op("add", "/metadata/labels/injected", "true")));
        await Configure("mutating", Webhook("inject.test.dev", hook.Url("/mutate"), hook.CaBundle, PodRule("CREATE")));

        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/pods?dryRun=All", PodJson("web"));
        var body = await Json(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("true", body["metadata"]!["labels"]!["injected"]!.GetValue<string>());
        Assert.True(Assert.Single(hook.Requests)["dryRun"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "api/v1/namespaces/default/pods/web")).StatusCode);
    }

    [Fact]
    public async Task ServiceReference_LocalEndpointsAnnotation_CalledWithServiceServerName()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Patch(Op("add", "/metadata/labels/injected", "true")));
        await Send(HttpMethod.Post, "api/v1/namespaces/default/services", $$$"""
            {"metadata":{"name":"hook","annotations":{"traffic.junction.dev/local-endpoints":"127.0.0.1:{{{hook.Port}}}"}},
             "spec":{"ports":[{"port":443,"targetPort":9443}]}}
            """);
        var webhook = Webhook("inject.test.dev", null, hook.CaBundle, PodRule("CREATE"));
        webhook["clientConfig"]!["service"] = new JsonObject { ["namespace"] = "default", ["name"] = "hook", ["path"] = "/mutate" };
        await Configure("mutating", webhook);

        var created = await CreatePod("web");

        Assert.Equal("true", created["metadata"]!["labels"]!["injected"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServiceReference_NoEndpoints_FailsAsKubeApiserverDoes()
    {
        await Send(HttpMethod.Post, "api/v1/namespaces/default/services", """{"metadata":{"name":"hook"},"spec":{"ports":[{"port":443}]}}""");
        var webhook = Webhook("inject.test.dev", null, string.Empty, PodRule("CREATE"));
        webhook["clientConfig"]!["service"] = new JsonObject { ["namespace"] = "default", ["name"] = "hook", ["path"] = "/mutate" };
        await Configure("mutating", webhook);

        var status = await Json(await Send(HttpMethod.Post, "api/v1/namespaces/default/pods", PodJson("web")));

        Assert.Equal(
            "Internal error occurred: failed calling webhook \"inject.test.dev\": failed to call webhook: Post \"https://hook.default.svc:443/mutate?timeout=10s\": no endpoints available for service \"hook\"",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongCaBundle_CertificateRejected()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Allow());
        var other = await Hook((_, _) => TestWebhookServer.Allow());
        await Configure("mutating", Webhook("inject.test.dev", hook.Url("/mutate"), other.CaBundle, PodRule("CREATE")));

        var status = await Json(await Send(HttpMethod.Post, "api/v1/namespaces/default/pods", PodJson("web")));

        Assert.Contains("x509: certificate signed by unknown authority", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseWarnings_BecomeWarningHeaders()
    {
        var hook = await Hook((_, _) => new JsonObject { ["allowed"] = true, ["warnings"] = new JsonArray("image tag latest is discouraged") });
        await Configure("validating", Webhook("warn.test.dev", hook.Url("/validate"), hook.CaBundle, PodRule("CREATE")));

        using var response = await Send(HttpMethod.Post, "api/v1/namespaces/default/pods", PodJson("web"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("299 - \"image tag latest is discouraged\"", response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task Rules_StatusSubresourceAndDelete_MatchOnlyWhatTheyName()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Allow());
        var rule = new JsonObject
        {
            ["operations"] = new JsonArray("UPDATE", "DELETE"),
            ["apiGroups"] = new JsonArray(string.Empty),
            ["apiVersions"] = new JsonArray("v1"),
            ["resources"] = new JsonArray("pods/status"),
        };
        await Configure("validating", Webhook("status.test.dev", hook.Url("/validate"), hook.CaBundle, rule));
        await CreatePod("web");

        var pod = await Json(await Send(HttpMethod.Get, "api/v1/namespaces/default/pods/web"));
        pod["status"] = new JsonObject { ["phase"] = "Running" };
        await Send(HttpMethod.Put, "api/v1/namespaces/default/pods/web/status", pod.ToJsonString());
        await Send(HttpMethod.Delete, "api/v1/namespaces/default/pods/web");

        var request = Assert.Single(hook.Requests);
        Assert.Equal("status", request["subResource"]!.GetValue<string>());
        Assert.Equal("UPDATE", request["operation"]!.GetValue<string>());
        Assert.NotNull(request["oldObject"]);
    }

    [Fact]
    public async Task WebhookConfigurations_AreNeverSentToWebhooks()
    {
        var hook = await Hook((_, _) => TestWebhookServer.Deny(403, "no"));
        var rule = new JsonObject
        {
            ["operations"] = new JsonArray("*"),
            ["apiGroups"] = new JsonArray("*"),
            ["apiVersions"] = new JsonArray("*"),
            ["resources"] = new JsonArray("*/*"),
        };
        await Configure("validating", Webhook("all.test.dev", hook.Url("/validate"), hook.CaBundle, rule), name: "all");

        using var again = await Send(HttpMethod.Delete, "apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/all");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(hook.Requests);
    }

    private async Task<TestWebhookServer> Hook(Func<string, JsonObject, JsonObject> respond, TimeSpan? delay = null)
    {
        var hook = await TestWebhookServer.Start(respond, delay);
        hooks.Add(hook);
        return hook;
    }

    private async Task Configure(string kind, JsonObject webhook, string name = "test")
    {
        var plural = kind == "mutating" ? "mutatingwebhookconfigurations" : "validatingwebhookconfigurations";
        var body = new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = kind == "mutating" ? "MutatingWebhookConfiguration" : "ValidatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["webhooks"] = new JsonArray(webhook),
        };
        using var response = await Send(HttpMethod.Post, $"apis/admissionregistration.k8s.io/v1/{plural}", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static JsonObject Webhook(string name, string? url, string caBundle, JsonObject rule)
    {
        var client = new JsonObject();
        if (url is not null)
        {
            client["url"] = url;
        }

        if (caBundle.Length > 0)
        {
            client["caBundle"] = caBundle;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["clientConfig"] = client,
            ["rules"] = new JsonArray(rule),
            ["sideEffects"] = "None",
            ["admissionReviewVersions"] = new JsonArray("v1"),
        };
    }

    private static JsonObject PodRule(string operation) => new()
    {
        ["operations"] = new JsonArray(operation),
        ["apiGroups"] = new JsonArray(string.Empty),
        ["apiVersions"] = new JsonArray("v1"),
        ["resources"] = new JsonArray("pods"),
    };

    private static JsonObject Op(string op, string path, JsonNode value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    private static string PodJson(string name, string labels = """{"app":"web"}""") =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{{{labels}}}},"spec":{"containers":[{"name":"app","image":"nginx:1.25"}]}}""";

    private async Task<JsonObject> CreatePod(string name, string ns = "default", string labels = """{"app":"web"}""")
    {
        using var response = await Send(HttpMethod.Post, $"api/v1/namespaces/{ns}/pods", PodJson(name, labels));
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
