using System.Net;
using Junction.Runtime.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Junction.Runtime.Hosting;

/// <summary>
/// The operator's HTTP endpoints on Kestrel: <c>/metrics</c> on the metrics address,
/// <c>/healthz</c> (the process serves requests) and <c>/readyz</c> (from the readiness
/// callback, 200 or 503) on the probe address.
/// </summary>
public sealed class OperatorEndpoints : IAsyncDisposable
{
    private readonly EndpointOptions options;
    private readonly MetricsRegistry metrics;
    private readonly Func<HealthReport> readiness;
    private readonly List<KestrelListener> servers = [];

    /// <summary>Creates the endpoints; nothing listens until <see cref="StartAsync"/>.</summary>
    public OperatorEndpoints(EndpointOptions options, MetricsRegistry metrics, Func<HealthReport> readiness)
    {
        this.options = options;
        this.metrics = metrics;
        this.readiness = readiness;
    }

    /// <summary>The bound metrics address (with the real port when 0 was asked for), once started.</summary>
    public Uri? MetricsUri { get; private set; }

    /// <summary>The bound probe address, once started.</summary>
    public Uri? ProbeUri { get; private set; }

    /// <summary>Starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (BindAddress.Parse(options.MetricsAddress) is { } metricsEndpoint)
        {
            MetricsUri = await StartServerAsync(metricsEndpoint, app =>
                app.MapGet("/metrics", () => Results.Text(metrics.Render(), MetricsRegistry.ContentType)), cancellationToken).ConfigureAwait(false);
        }
        if (BindAddress.Parse(options.ProbeAddress) is { } probeEndpoint)
        {
            ProbeUri = await StartServerAsync(probeEndpoint, app =>
            {
                app.MapGet("/healthz", () => Results.Text("ok\n", "text/plain; charset=utf-8"));
                app.MapGet("/readyz", () =>
                {
                    var report = readiness();
                    return Results.Text(report.Body("readyz"), "text/plain; charset=utf-8", statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
                });
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops listening.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var server in servers)
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
        servers.Clear();
    }

    private async Task<Uri> StartServerAsync(IPEndPoint endpoint, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var server = await KestrelListener.StartAsync(endpoint, map, cancellationToken: cancellationToken).ConfigureAwait(false);
        servers.Add(server);
        return server.Uri;
    }
}
