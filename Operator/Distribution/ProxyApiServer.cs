using Junction.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Junction.Distribution;

/// <summary>
/// The proxy API's own Kestrel server: HTTPS only, with the certificate of
/// <see cref="ServingCertificate"/> picked per handshake, request bodies and connections bounded
/// by <see cref="ProxyApiOptions"/>.
/// </summary>
internal sealed class ProxyApiServer(ProxyApi api, ServingCertificate certificate, ProxyApiOptions options, ILogger<ProxyApiServer> logger) : IAsyncDisposable
{
    private KestrelListener? listener;

    /// <summary>The bound address (the real port when 0 was asked for), once started; null when disabled.</summary>
    public Uri? Uri => listener?.Uri;

    /// <summary>Starts listening, unless the bind address is <c>0</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (BindAddress.Parse(options.BindAddress) is not { } endpoint)
        {
            return;
        }

        listener = await KestrelListener.StartAsync(
            endpoint,
            api.Map,
            () => certificate.Current,
            limits =>
            {
                limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
                limits.MaxRequestHeadersTotalSize = 16 * 1024;
                limits.MaxConcurrentConnections = options.MaxConnections;
                limits.MaxConcurrentUpgradedConnections = 0;
            },
            cancellationToken).ConfigureAwait(false);
        DistributionLog.Listening(logger, listener.Uri.ToString());
    }

    /// <summary>Stops listening; held polls are cut.</summary>
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
}
