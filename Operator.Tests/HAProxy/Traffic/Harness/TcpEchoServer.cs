using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>A plain TCP server that answers each line with "&lt;name&gt;:&lt;line&gt;", for TCP-mode proxying.</summary>
internal sealed class TcpEchoServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task acceptLoop;
    private int connections;

    private TcpEchoServer(string name, IPEndPoint endpoint)
    {
        Name = name;
        listener = new TcpListener(endpoint);
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public string Name { get; }

    public int Connections => Volatile.Read(ref connections);

    public static TcpEchoServer Start(string name, IPEndPoint endpoint) => new(name, endpoint);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            Interlocked.Increment(ref connections);
            _ = EchoAsync(client);
        }
    }

    private async Task EchoAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes($"{Name}:{line}\n"), stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The peer or the test went away.
            }
        }
    }
}
