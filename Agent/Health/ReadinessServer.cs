using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Junction.Agent.Health;

/// <summary>
/// The agent's readiness port: <c>GET /healthz/ready</c> answers 200 only while
/// <see cref="ReadinessServer"/>'s check passes (the first config runs and HAProxy answers), else
/// 503. A minimal HTTP/1.1 responder on a socket: the probe needs nothing more, and the agent stays small.
/// </summary>
internal sealed class ReadinessServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly Func<CancellationToken, Task<bool>> ready;

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/>; <paramref name="ready"/> decides each answer.</summary>
    public ReadinessServer(IPAddress address, int port, Func<CancellationToken, Task<bool>> ready)
    {
        listener = new TcpListener(address, port);
        this.ready = ready;
    }

    /// <summary>Accepts probes until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        listener.Start();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(ct);
                _ = AnswerAsync(client, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => listener.Dispose();

    private async Task AnswerAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        {
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                cts.CancelAfter(TimeSpan.FromSeconds(5));
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var length = 0;
                while (length < buffer.Length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(length), cts.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    length += n;
                    if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        break;
                    }
                }

                var requestLine = Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n")[0].Split(' ');
                var path = requestLine.Length > 1 ? requestLine[1].Split('?')[0] : "";
                var (status, body) = path == "/healthz/ready"
                    ? await ready(cts.Token) ? ("200 OK", "ready\n") : ("503 Service Unavailable", "not ready\n")
                    : ("404 Not Found", "not found\n");
                var response = "HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n" + body;
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), cts.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A probe that hung up or timed out gets no answer; the next one will.
            }
        }
    }
}
