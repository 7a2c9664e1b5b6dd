using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Junction.Tests.HAProxy;

/// <summary>
/// A loopback cleartext HTTP/2-only server (h2c with prior knowledge, as gRPC uses) that answers
/// with the protocol and path it saw. Stops when disposed.
/// </summary>
internal sealed class H2cBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private H2cBackend(WebApplication app) => _app = app;

    public static async Task<H2cBackend> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync($"{context.Request.Protocol} {context.Request.Path}"));
        await app.StartAsync();
        return new H2cBackend(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
