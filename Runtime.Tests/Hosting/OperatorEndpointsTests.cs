using System.Net;
using Junction.Runtime.Hosting;
using Junction.Runtime.Metrics;
using Xunit;

namespace Junction.Runtime.Tests.Hosting;

public sealed class OperatorEndpointsTests : IAsyncDisposable
{
    private readonly MetricsRegistry metrics = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly OperatorEndpoints endpoints;
    private volatile bool ready;

    public OperatorEndpointsTests()
    {
        endpoints = new OperatorEndpoints(
            new EndpointOptions { MetricsAddress = "127.0.0.1:0", ProbeAddress = "127.0.0.1:0" },
            metrics,
            () => new HealthReport(ready, [("informer-TrafficPolicy", ready, ready ? "synced" : "not synced")]));
    }

    [Fact]
    public async Task Metrics_Scraped_ServesTheRegistryInTextFormat()
    {
        metrics.Counter("controller_runtime_reconcile_total", "Total", "controller", "result").WithLabels("trafficpolicy", "success").Inc(3);
        await endpoints.StartAsync(CancellationToken.None);

        using var response = await http.GetAsync(new Uri(endpoints.MetricsUri!, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var parsed = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, parsed.Value("controller_runtime_reconcile_total", ("controller", "trafficpolicy"), ("result", "success")));
    }

    [Fact]
    public async Task Probes_ServedOnTheProbeAddressOnly()
    {
        await endpoints.StartAsync(CancellationToken.None);

        using var healthz = await http.GetAsync(new Uri(endpoints.ProbeUri!, "/healthz"));
        using var metricsOnProbe = await http.GetAsync(new Uri(endpoints.ProbeUri!, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metricsOnProbe.StatusCode);
        Assert.NotEqual(endpoints.MetricsUri!.Port, endpoints.ProbeUri!.Port);
    }

    [Fact]
    public async Task Readyz_NotSyncedThenSynced_Answers503Then200WithTheChecks()
    {
        await endpoints.StartAsync(CancellationToken.None);

        using var before = await http.GetAsync(new Uri(endpoints.ProbeUri!, "/readyz"));
        ready = true;
        using var after = await http.GetAsync(new Uri(endpoints.ProbeUri!, "/readyz"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("[-]informer-TrafficPolicy not synced\nreadyz check failed\n", await before.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("[+]informer-TrafficPolicy synced\nreadyz check passed\n", await after.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await endpoints.StopAsync(CancellationToken.None);
        await endpoints.DisposeAsync();
        http.Dispose();
    }
}
