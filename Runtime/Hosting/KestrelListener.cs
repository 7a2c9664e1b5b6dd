using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junction.Runtime.Hosting;

/// <summary>
/// One small Kestrel server on one address: plain HTTP, or HTTPS with the certificate picked on every
/// handshake (so a renewed one is served without a restart). The operator's metrics and probe
/// endpoints, its proxy API and its admission webhook each run on one.
/// </summary>
public sealed class KestrelListener : IAsyncDisposable
{
    private readonly WebApplication app;

    private KestrelListener(WebApplication app, Uri uri)
    {
        this.app = app;
        Uri = uri;
    }

    /// <summary>The bound address, with the real port when 0 was asked for and loopback for a wildcard.</summary>
    public Uri Uri { get; }

    /// <summary>Starts listening on <paramref name="endpoint"/> and serves what <paramref name="map"/> maps.</summary>
    /// <param name="endpoint">The address to bind.</param>
    /// <param name="map">Maps the routes.</param>
    /// <param name="certificate">Null for plain HTTP; else asked for the certificate on every handshake.</param>
    /// <param name="limits">Sets Kestrel's limits (body size, connections); null keeps its defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<KestrelListener> StartAsync(
        IPEndPoint endpoint,
        Action<WebApplication> map,
        Func<X509Certificate2?>? certificate = null,
        Action<KestrelServerLimits>? limits = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            limits?.Invoke(kestrel.Limits);
            kestrel.Listen(endpoint, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificateSelector = (_, _) => certificate() });
                }
            });
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var loopback = IPAddress.Loopback.ToString();
        return new KestrelListener(app, new Uri(address.Replace("0.0.0.0", loopback, StringComparison.Ordinal).Replace("[::]", loopback, StringComparison.Ordinal)));
    }

    /// <summary>Stops listening; open requests are cut when <paramref name="cancellationToken"/> fires.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => app.DisposeAsync();
}
