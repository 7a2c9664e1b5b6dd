using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junction.Benchmarks.Propagation;

/// <summary>A loopback HTTP backend that answers every request with its own name.</summary>
internal sealed class NamedBackend : IAsyncDisposable
{
    private readonly WebApplication app;

    private NamedBackend(WebApplication app, IPEndPoint endpoint)
    {
        this.app = app;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public static async Task<NamedBackend> StartAsync(string name, IPEndPoint endpoint)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync(name));
        await app.StartAsync();
        return new NamedBackend(app, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
