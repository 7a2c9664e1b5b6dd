using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Junction.Agent.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junction.Agent.Tests.Fakes;

/// <summary>
/// The operator's proxy API as the contract describes it, on 127.0.0.1 over HTTPS from a test CA:
/// identity signing, the config long-poll (answer at once when the hash differs, else hold) and
/// status reports, which the tests wait on. It can be stopped and started again on the same port.
/// </summary>
internal sealed class FakeOperator : IAsyncDisposable
{
    private readonly TestCa ca;
    private readonly string token;
    private readonly Lock gate = new();
    private ConfigBundle? bundle;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? app;

    public FakeOperator(TestCa ca, string token, int port)
    {
        this.ca = ca;
        this.token = token;
        Port = port;
    }

    public int Port { get; }

    public string Token => token;

    public Uri Uri => new("https://127.0.0.1:" + Port);

    public TimeSpan CertificateLifetime { get; set; } = TimeSpan.FromHours(1);

    public ConcurrentQueue<StatusReport> Reports { get; } = new();

    public ConcurrentQueue<string> IssuedSerials { get; } = new();

    public int ConfigRequests;

    public void Publish(ConfigBundle next)
    {
        lock (gate)
        {
            bundle = next;
            var old = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            old.TrySetResult();
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var cert = ca.ServerCertificate();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port, l => l.UseHttps(cert)));
        var web = builder.Build();
        web.MapPost("/v1/identity", (Delegate)Identity);
        web.MapGet("/v1/config", (Delegate)Config);
        web.MapPost("/v1/status", (Delegate)Status);
        await web.StartAsync();
        app = web;
    }

    public async Task StopAsync()
    {
        if (app is { } web)
        {
            app = null;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await web.StopAsync(cts.Token);
            await web.DisposeAsync();
        }
    }

    /// <summary>Waits (bounded) for a report matching <paramref name="match"/> and returns it.</summary>
    public async Task<StatusReport> WaitForReportAsync(Func<StatusReport, bool> match, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var found = Reports.LastOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no matching status report within " + within + "; reports: " + string.Join(" | ", Reports));
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private bool Authorized(HttpContext context) => context.Request.Headers.Authorization.ToString() == "Bearer " + token;

    private async Task<IResult> Identity(HttpContext context)
    {
        if (!Authorized(context))
        {
            return Results.Unauthorized();
        }

        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, AgentJsonContext.Default.IdentityRequest);
        using var leaf = ca.Sign(request!.Csr, "spiffe://cluster.local/ns/shop/sa/checkout", CertificateLifetime);
        IssuedSerials.Enqueue(leaf.SerialNumber);
        var answer = new IdentityResponse(leaf.ExportCertificatePem() + "\n", ca.Pem, leaf.NotAfter.ToUniversalTime());
        return Results.Text(JsonSerializer.Serialize(answer, AgentJsonContext.Default.IdentityResponse), "application/json");
    }

    private async Task<IResult> Config(HttpContext context)
    {
        if (!Authorized(context))
        {
            return Results.Unauthorized();
        }

        Interlocked.Increment(ref ConfigRequests);
        var have = context.Request.Query["have"].ToString();
        var wait = int.TryParse(context.Request.Query["wait"], out var w) ? Math.Min(w, 30) : 25;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(wait);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (bundle is not null && bundle.Hash != have)
                {
                    return Results.Text(JsonSerializer.Serialize(bundle, AgentJsonContext.Default.ConfigBundle), "application/json");
                }

                signal = changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(signal, Task.Delay(left, context.RequestAborted)) != signal)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }
    }

    private async Task<IResult> Status(HttpContext context)
    {
        if (!Authorized(context))
        {
            return Results.Unauthorized();
        }

        var report = await JsonSerializer.DeserializeAsync(context.Request.Body, AgentJsonContext.Default.StatusReport);
        Reports.Enqueue(report!);
        return Results.NoContent();
    }
}
