using System.Net;
using Junction.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Junction.Distribution;

/// <summary>
/// The proxy API's own Kestrel server: HTTPS only, with the certificate of
/// <see cref="ServingCertificate"/> picked per handshake, request bodies and connections bounded
/// by <see cref="ProxyApiOptions"/>.
/// </summary>
internal sealed class ProxyApiServer(ProxyApi api, ServingCertificate certificate, ProxyApiOptions options, ILogger<ProxyApiServer> logger) : IAsyncDisposable
{
    private WebApplication? app;

    /// <summary>The bound address (the real port when 0 was asked for), once started; null when disabled.</summary>
    public Uri? Uri { get; private set; }

    /// <summary>Starts listening, unless the bind address is <c>0</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (BindAddress.Parse(options.BindAddress) is not { } endpoint)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Listen(endpoint, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                // Asked on every handshake, so a renewed certificate is served without a restart.
                ServerCertificateSelector = (_, _) => certificate.Current,
            }));
        });
        var built = builder.Build();
        api.Map(built);
        await built.StartAsync(cancellationToken).ConfigureAwait(false);
        app = built;
        var address = built.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Uri = new Uri(address.Replace("0.0.0.0", IPAddress.Loopback.ToString(), StringComparison.Ordinal).Replace("[::]", IPAddress.Loopback.ToString(), StringComparison.Ordinal));
        DistributionLog.Listening(logger, Uri.ToString());
    }

    /// <summary>Stops listening; held polls are cut.</summary>
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
}
