using System.Security.Cryptography.X509Certificates;
using Junction.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    private KestrelListener? listener;

    /// <summary>The bound address (the real port when 0 was asked for), once started; null when disabled.</summary>
    public Uri? Uri => listener?.Uri;

    /// <summary>Starts listening, unless the bind address is <c>0</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (BindAddress.Parse(bindAddress) is not { } endpoint)
        {
            return;
        }

        listener = await KestrelListener.StartAsync(
            endpoint,
            app => app.MapPost(InjectionNames.Path, ReviewAsync),
            certificate,
            limits => limits.MaxRequestBodySize = MaxBodyBytes,
            cancellationToken).ConfigureAwait(false);
        InjectionLog.Listening(logger, listener.Uri.ToString());
    }

    /// <summary>Stops listening.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (listener is not null)
        {
            await listener.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (listener is not null)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
            listener = null;
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
