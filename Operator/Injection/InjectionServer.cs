using System.Net;
using System.Security.Cryptography.X509Certificates;
using Junction.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junction.Injection;

/// <summary>
/// The webhook's own Kestrel server: HTTPS only, <c>POST /inject</c>, with the serving
/// certificate picked per handshake (a renewed one is served without a restart).
/// </summary>
internal sealed class InjectionServer(InjectionWebhook webhook, Func<X509Certificate2?> certificate, string bindAddress, ILogger<InjectionServer> logger) : IAsyncDisposable
{
    // kube-apiserver stores objects up to 1.5 MiB; a review carries the object (and for updates the old one).
    private const long MaxBodyBytes = 4 * 1024 * 1024;

    private WebApplication? app;

    /// <summary>The bound address (the real port when 0 was asked for), once started; null when disabled.</summary>
    public Uri? Uri { get; private set; }

    /// <summary>Starts listening, unless the bind address is <c>0</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (BindAddress.Parse(bindAddress) is not { } endpoint)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.Listen(endpoint, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, _) => certificate(),
            }));
        });
        var built = builder.Build();
        built.MapPost(InjectionNames.Path, ReviewAsync);
        await built.StartAsync(cancellationToken).ConfigureAwait(false);
        app = built;
        var address = built.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Uri = new Uri(address.Replace("0.0.0.0", IPAddress.Loopback.ToString(), StringComparison.Ordinal).Replace("[::]", IPAddress.Loopback.ToString(), StringComparison.Ordinal));
        InjectionLog.Listening(logger, Uri.ToString());
    }

    /// <summary>Stops listening.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            app = null;
        }
    }

    private async Task ReviewAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var answer = webhook.Review(body.GetBuffer().AsSpan(0, (int)body.Length));
        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
