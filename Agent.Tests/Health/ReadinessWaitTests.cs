using System.Net;
using System.Net.Sockets;
using Junction.Agent.Health;

namespace Junction.Agent.Tests.Health;

public sealed class ReadinessWaitTests
{
    [Fact]
    public async Task WaitAsync_AgentBecomesReady_ReturnsTrue()
    {
        var ready = false;
        var port = FreePort();
        using var server = new ReadinessServer(IPAddress.Loopback, port, _ => Task.FromResult(Volatile.Read(ref ready)));
        using var stop = new CancellationTokenSource();
        var serving = server.RunAsync(stop.Token);
        var waiting = ReadinessWait.WaitAsync(new Uri($"http://127.0.0.1:{port}/healthz/ready"), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);

        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        Volatile.Write(ref ready, true);

        Assert.True(await waiting);
        await stop.CancelAsync();
        await serving;
    }

    [Fact]
    public async Task WaitAsync_NothingListening_FalseAfterTheTimeout()
    {
        var port = FreePort();
        var started = DateTimeOffset.UtcNow;

        var ready = await ReadinessWait.WaitAsync(new Uri($"http://127.0.0.1:{port}/healthz/ready"), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);

        Assert.False(ready);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task RunAsync_BadFlag_Exit2WithUsage()
    {
        using var error = new StringWriter();

        var code = await ReadinessWait.RunAsync(["--health-port", "x"], error, TimeProvider.System, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains(ReadinessWait.Usage, error.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
