using Junction.Tests.Infrastructure;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Junction.HAProxy;
using Junction.Ir;
using Junction.Tests.Translation;
using Junction.Translation;
using Xunit;

namespace Junction.Tests.HAProxy;

/// <summary>
/// Real HTTP through the real haproxy to loopback backends: weighted split, header match, request
/// and response header changes, prefix rewrite and traceparent generation and propagation. DNS
/// discovery is replaced by fixed loopback addresses in the IR (server-template accepts an IP),
/// so the test needs no DNS server.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed partial class GeneratedConfigTrafficTests
{
    private const string Policy = """
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: shop, namespace: test}
        spec:
          targetRef: {name: stable, port: 80}
          routes:
            - name: pinned
              matches: [{headers: [{name: x-canary, value: "true"}]}]
              backendRefs: [{name: canary, port: 80}]
            - name: legacy
              matches: [{path: {type: PathPrefix, value: /legacy}}]
              filters:
                - type: URLRewrite
                  urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v1}}
                - type: RequestHeaderModifier
                  requestHeaderModifier: {set: [{name: x-route, value: "legacy 100%"}]}
                - type: ResponseHeaderModifier
                  responseHeaderModifier:
                    remove: [x-backend-secret]
                    add: [{name: x-served-by, value: junction}]
            - name: split
              backendRefs:
                - {name: stable, port: 80, weight: 75}
                - {name: canary, port: 80, weight: 25}
          observability:
            tracing: {samplingPercent: 100}
        """;

    [SkippableFact]
    public async Task Traffic_ThroughGeneratedConfig_FollowsRoutesWeightsAndFilters()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        using var stable = new EchoBackend("stable", FreePort());
        using var canary = new EchoBackend("canary", FreePort());
        var listen = FreePort();
        var metrics = FreePort();
        var options = TranslatorOptions.Default with { BindAddress = "127.0.0.1", ListenPort = listen, MetricsPort = metrics };
        var fragment = PolicyTranslator.Translate(PolicyTranslatorTests.Parse(Policy), TranslationContext.Empty(options, assumeMissingServices: true)).Fragment;
        fragment = PinEndpoints(fragment, new Dictionary<string, int> { ["stable"] = stable.Port, ["canary"] = canary.Port });
        var config = HAProxyConfigWriter.Write([fragment], PolicyTranslator.GlobalOptions(options) with { Nameservers = ["127.0.0.1:" + FreePort()] });
        var path = Path.Combine(Path.GetTempPath(), $"junction-traffic-{Environment.ProcessId}-{listen}.cfg");
        await File.WriteAllTextAsync(path, config);
        using var proxy = HAProxyProcess.Run(path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await WaitReady(http, listen, proxy);
            var url = $"http://127.0.0.1:{listen}";

            var pinned = await Send(http, url + "/anything", ("x-canary", "true"));
            Assert.Contains("backend: canary\n", pinned.Body, StringComparison.Ordinal);

            var legacy = await Send(http, url + "/legacy/items?id=7");
            Assert.Contains("backend: stable\n", legacy.Body, StringComparison.Ordinal);
            Assert.Contains("path: /v1/items?id=7\n", legacy.Body, StringComparison.Ordinal);
            Assert.Contains("x-route: legacy 100%\n", legacy.Body, StringComparison.Ordinal);
            Assert.False(legacy.Response.Headers.Contains("x-backend-secret"));
            Assert.Equal("junction", legacy.Response.Headers.GetValues("x-served-by").Single());
            Assert.Matches(Traceparent(), legacy.Body);

            var incoming = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
            var propagated = await Send(http, url + "/legacy", ("traceparent", incoming));
            Assert.Contains("traceparent: " + incoming + "\n", propagated.Body, StringComparison.Ordinal);

            var canaryHits = 0;
            const int requests = 200;
            for (var i = 0; i < requests; i++)
            {
                var reply = await Send(http, url + "/split");
                canaryHits += reply.Body.Contains("backend: canary\n", StringComparison.Ordinal) ? 1 : 0;
            }

            // 25% expected; the bounds are over 6 standard deviations wide, so only a broken split fails.
            Assert.InRange(canaryHits, 20, 80);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public async Task Traffic_BeyondMaxConnectionsAndPending_FailsFastWith503()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        using var slow = new EchoBackend("slow", FreePort(), TimeSpan.FromSeconds(2));
        var listen = FreePort();
        var options = TranslatorOptions.Default with { BindAddress = "127.0.0.1", ListenPort = listen, MetricsPort = FreePort() };
        const string breaker = """
            apiVersion: traffic.junction.dev/v1alpha1
            kind: TrafficPolicy
            metadata: {name: fragile, namespace: test}
            spec:
              targetRef: {name: slow, port: 80}
              retry: {attempts: 0}
              circuitBreaker: {maxConnections: 1, maxPendingRequests: 0}
            """;
        var fragment = PolicyTranslator.Translate(PolicyTranslatorTests.Parse(breaker), TranslationContext.Empty(options, assumeMissingServices: true)).Fragment;
        fragment = PinEndpoints(fragment, new Dictionary<string, int> { ["slow"] = slow.Port });
        var path = Path.Combine(Path.GetTempPath(), $"junction-breaker-{Environment.ProcessId}-{listen}.cfg");
        await File.WriteAllTextAsync(path, HAProxyConfigWriter.Write([fragment], PolicyTranslator.GlobalOptions(options) with { Nameservers = ["127.0.0.1:" + FreePort()] }));
        using var proxy = HAProxyProcess.Run(path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await WaitReady(http, listen, proxy, "/");

            var first = http.GetAsync($"http://127.0.0.1:{listen}/first");
            await Task.Delay(500);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var second = await http.GetAsync($"http://127.0.0.1:{listen}/second");
            var secondTook = started.Elapsed;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
            Assert.True(secondTook < TimeSpan.FromSeconds(1), $"the rejected request waited {secondTook}");
            Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public async Task Traffic_Http2Policy_SpeaksH2cOnBothSides()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var backendPort = FreePort();
        await using var backend = await H2cBackend.StartAsync(backendPort);
        var listen = FreePort();
        var options = TranslatorOptions.Default with { BindAddress = "127.0.0.1", ListenPort = listen, MetricsPort = FreePort() };
        const string grpc = """
            apiVersion: traffic.junction.dev/v1alpha1
            kind: TrafficPolicy
            metadata: {name: rpc, namespace: test}
            spec:
              targetRef: {name: rpc, port: 9090}
              protocol: GRPC
            """;
        var fragment = PolicyTranslator.Translate(PolicyTranslatorTests.Parse(grpc), TranslationContext.Empty(options, assumeMissingServices: true)).Fragment;
        fragment = PinEndpoints(fragment, new Dictionary<string, int> { ["rpc"] = backendPort });
        var path = Path.Combine(Path.GetTempPath(), $"junction-h2-{Environment.ProcessId}-{listen}.cfg");
        await File.WriteAllTextAsync(path, HAProxyConfigWriter.Write([fragment], PolicyTranslator.GlobalOptions(options) with { Nameservers = ["127.0.0.1:" + FreePort()] }));
        using var proxy = HAProxyProcess.Run(path);
        using var http = new HttpClient
        {
            Timeout = TimeSpan.FromSeconds(5),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        try
        {
            HttpResponseMessage? response = null;
            for (var attempt = 0; attempt < 50 && response is null; attempt++)
            {
                Assert.False(proxy.HasExited, "haproxy exited during start-up:\n" + proxy.Output);
                try
                {
                    response = await http.GetAsync($"http://127.0.0.1:{listen}/pkg.Service/Method");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.NotNull(response);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal("HTTP/2 /pkg.Service/Method", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public async Task Traffic_RetryOn503_ReplaysGetButNeverPost()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        using var flaky = new EchoBackend("flaky", FreePort(), status: n => n % 2 == 1 ? 503 : 200);
        var listen = FreePort();
        var options = TranslatorOptions.Default with { BindAddress = "127.0.0.1", ListenPort = listen, MetricsPort = FreePort() };
        const string retrying = """
            apiVersion: traffic.junction.dev/v1alpha1
            kind: TrafficPolicy
            metadata: {name: retrying, namespace: test}
            spec:
              targetRef: {name: flaky, port: 80}
              retry: {attempts: 1, retryOn: ["503"]}
            """;
        var fragment = PolicyTranslator.Translate(PolicyTranslatorTests.Parse(retrying), TranslationContext.Empty(options, assumeMissingServices: true)).Fragment;
        fragment = PinEndpoints(fragment, new Dictionary<string, int> { ["flaky"] = flaky.Port });
        var path = Path.Combine(Path.GetTempPath(), $"junction-retry-{Environment.ProcessId}-{listen}.cfg");
        await File.WriteAllTextAsync(path, HAProxyConfigWriter.Write([fragment], PolicyTranslator.GlobalOptions(options) with { Nameservers = ["127.0.0.1:" + FreePort()] }));
        using var proxy = HAProxyProcess.Run(path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await WaitListening(listen, proxy);

            var get = await http.GetAsync($"http://127.0.0.1:{listen}/read");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(2, flaky.Requests);

            using var body = new StringContent("charge 10 EUR");
            var post = await http.PostAsync($"http://127.0.0.1:{listen}/charge", body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
            Assert.Equal(3, flaky.Requests);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public async Task Traffic_TcpPolicy_SplitsConnectionsByWeight()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        using var stable = new EchoBackend("stable", FreePort());
        using var canary = new EchoBackend("canary", FreePort());
        var listen = FreePort();
        var options = TranslatorOptions.Default with { BindAddress = "127.0.0.1", ListenPort = listen, MetricsPort = FreePort() };
        const string tcp = """
            apiVersion: traffic.junction.dev/v1alpha1
            kind: TrafficPolicy
            metadata: {name: stream, namespace: test}
            spec:
              targetRef: {name: stable, port: 80}
              protocol: TCP
              routes:
                - name: split
                  backendRefs:
                    - {name: stable, port: 80, weight: 1}
                    - {name: canary, port: 80, weight: 1}
            """;
        var fragment = PolicyTranslator.Translate(PolicyTranslatorTests.Parse(tcp), TranslationContext.Empty(options, assumeMissingServices: true)).Fragment;
        fragment = PinEndpoints(fragment, new Dictionary<string, int> { ["stable"] = stable.Port, ["canary"] = canary.Port });
        var path = Path.Combine(Path.GetTempPath(), $"junction-tcp-{Environment.ProcessId}-{listen}.cfg");
        await File.WriteAllTextAsync(path, HAProxyConfigWriter.Write([fragment], PolicyTranslator.GlobalOptions(options) with { Nameservers = ["127.0.0.1:" + FreePort()] }));
        using var proxy = HAProxyProcess.Run(path);
        try
        {
            await WaitListening(listen, proxy);
            var canaryHits = 0;
            const int connections = 100;
            for (var i = 0; i < connections; i++)
            {
                // A new client per request: TCP is balanced per connection.
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                var body = await http.GetStringAsync($"http://127.0.0.1:{listen}/");
                canaryHits += body.Contains("backend: canary\n", StringComparison.Ordinal) ? 1 : 0;
            }

            // 50% expected; the bounds are 6 standard deviations wide.
            Assert.InRange(canaryHits, 20, 80);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Waits for the listener without sending a request, so the backend's request count stays exact.
    private static async Task WaitListening(int port, HAProxyProcess proxy)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            Assert.False(proxy.HasExited, "haproxy exited during start-up:\n" + proxy.Output);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail("haproxy did not listen within 5s:\n" + proxy.Output);
    }

    // Each Service resolves to its loopback backend instead of DNS.
    private static ProxyFragment PinEndpoints(ProxyFragment f, Dictionary<string, int> ports)
    {
        RouteRule Pin(RouteRule r) => r with
        {
            Backends = r.Backends.Select(b => b with
            {
                Target = b.Target with { Discovery = new EndpointDiscovery("127.0.0.1", ports[b.Target.ServiceName]), Resolved = true },
            }).ToEquatableArray(),
        };

        return f with { Routes = f.Routes.Select(Pin).ToEquatableArray(), DefaultRoute = Pin(f.DefaultRoute), Endpoints = f.Endpoints with { EndpointSlots = 1 } };
    }

    private static async Task<(HttpResponseMessage Response, string Body)> Send(HttpClient http, string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitReady(HttpClient http, int port, HAProxyProcess proxy, string path = "/split")
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            Assert.False(proxy.HasExited, "haproxy exited during start-up:\n" + proxy.Output);
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}{path}")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail("haproxy did not serve traffic within 5s:\n" + proxy.Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("traceparent: 00-[0-9a-f]{32}-[0-9a-f]{16}-01\n")]
    private static partial Regex Traceparent();
}
