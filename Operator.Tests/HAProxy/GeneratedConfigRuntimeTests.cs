using Junction.Tests.Infrastructure;
using System.Net;
using System.Net.Sockets;
using Junction.Tests.Translation;
using Junction.Translation;
using Xunit;

namespace Junction.Tests.HAProxy;

/// <summary>
/// Runs the real haproxy on a generated config on loopback and checks behaviour that needs no
/// backend: health and metrics endpoints, redirects carrying hostile literals verbatim, the
/// rate limit, and 503 for a backend that did not resolve.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class GeneratedConfigRuntimeTests
{
    private const string Policy = """
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata: {name: edge, namespace: test}
        spec:
          targetRef: {name: missing, port: 80}
          routes:
            - name: moved
              matches: [{path: {type: Exact, value: /moved}}]
              filters:
                - type: RequestRedirect
                  requestRedirect:
                    scheme: https
                    hostname: example.com
                    port: 8443
                    path: {type: ReplaceFullPath, replaceFullPath: "/p%[src]\"$HOME #x"}
                    statusCode: 308
            - name: old
              matches: [{path: {type: PathPrefix, value: /old-shop}}]
              filters:
                - type: RequestRedirect
                  requestRedirect:
                    path: {type: ReplacePrefixMatch, replacePrefixMatch: /shop}
                    statusCode: 301
            - name: limited
              matches: [{path: {type: Exact, value: /limited}}]
              filters:
                - type: RequestRedirect
                  requestRedirect: {hostname: limited.example.com}
          rateLimit: {requestsPerSecond: 1, burst: 1, key: Global}
        """;

    [SkippableFact]
    public async Task Run_GeneratedConfig_ServesHealthMetricsRedirectsLimitsAnd503()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var listen = FreePort();
        var metrics = FreePort();
        var options = TranslatorOptions.Default with
        {
            BindAddress = "127.0.0.1",
            ListenPort = listen,
            MetricsPort = metrics,
            DnsNameservers = ["127.0.0.1:" + FreePort()],
        };
        var result = PolicyTranslator.Translate(PolicyTranslatorTests.Parse(Policy), TranslationContext.Empty(options));
        var path = Path.Combine(Path.GetTempPath(), $"junction-runtime-{Environment.ProcessId}-{listen}.cfg");
        await File.WriteAllTextAsync(path, result.HAProxyConfig);
        using var proxy = HAProxyProcess.Run(path);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await WaitHealthy(http, metrics, proxy);

            var metricsBody = await http.GetStringAsync($"http://127.0.0.1:{metrics}/metrics");
            Assert.Contains("haproxy_process_", metricsBody, StringComparison.Ordinal);

            var moved = await http.GetAsync($"http://127.0.0.1:{listen}/moved");
            Assert.Equal(HttpStatusCode.PermanentRedirect, moved.StatusCode);
            Assert.Equal("https://example.com:8443/p%[src]\"$HOME #x", moved.Headers.NonValidated["Location"].ToString());

            await Task.Delay(TimeSpan.FromSeconds(1.1));
            var old = await http.GetAsync($"http://127.0.0.1:{listen}/old-shop/a/b");
            Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
            Assert.Equal($"http://127.0.0.1:{listen}/shop/a/b", old.Headers.NonValidated["Location"].ToString());

            await Task.Delay(TimeSpan.FromSeconds(1.1));
            var unresolved = await http.GetAsync($"http://127.0.0.1:{listen}/");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unresolved.StatusCode);

            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await http.GetAsync($"http://127.0.0.1:{listen}/limited")).StatusCode);
            }

            Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WaitHealthy(HttpClient http, int port, HAProxyProcess proxy)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            Assert.False(proxy.HasExited, "haproxy exited during start-up:\n" + proxy.Output);
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK)
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

        Assert.Fail("haproxy did not answer /healthz within 5s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
