using Microsoft.Extensions.Hosting;

namespace Junction.ApiServer.Http;

/// <summary>A host lifetime that leaves process signals alone: the embedding program decides when the server stops.</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
