using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// A non-HTTP server inside a pod: it greets first with <c>BANNER &lt;name&gt;</c> (server-first, as
/// SMTP or MySQL do) and then echoes each line as <c>&lt;name&gt;:&lt;line&gt;</c>.
/// </summary>
internal sealed class TcpBannerServer : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task acceptLoop;
    private int connections;

    private TcpBannerServer(string name, Socket listener)
    {
        Name = name;
        this.listener = listener;
        acceptLoop = AcceptAsync();
    }

    public string Name { get; }

    public int Connections => Volatile.Read(ref connections);

    public static TcpBannerServer Start(string netns, string name, int port) =>
        new(name, NetnsSocket.Listen(netns, new IPEndPoint(IPAddress.Any, port)));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        try
        {
            await acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptAsync(stop.Token);
            Interlocked.Increment(ref connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                await using var stream = new NetworkStream(client, ownsSocket: false);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"BANNER {Name}\n"), stop.Token);
                using var reader = new StreamReader(stream, Encoding.ASCII);
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{Name}:{line}\n"), stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The peer or the test went away.
            }
        }
    }
}
