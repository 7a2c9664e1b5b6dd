using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Junction.ApiServer.Tests.Protobuf;

/// <summary>
/// A loopback HTTP endpoint in front of the server: reads (discovery) are forwarded, and each write's
/// body is captured and answered 201 with <see cref="Answer"/>, so kubectl's protobuf bytes for kinds
/// the server does not serve can be read. One request per connection.
/// </summary>
internal sealed class CapturingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient upstream;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public CapturingProxy(Uri server)
    {
        upstream = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        listener.Start();
        loop = Task.Run(AcceptAll);
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>The body of each write, with its path and content type, in arrival order.</summary>
    public List<(string Path, string ContentType, byte[] Body)> Writes { get; } = [];

    /// <summary>What a write is answered with (kubectl prints the created object's name).</summary>
    public string Answer { get; set; } = """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"captured"}}""";

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        upstream.Dispose();
        stop.Dispose();
    }

    private async Task AcceptAll()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new List<byte>();
            var one = new byte[1];
            while (!EndsWithBlankLine(head) && await stream.ReadAsync(one, stop.Token) == 1)
            {
                head.Add(one[0]);
            }

            var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var parts = lines[0].Split(' ');
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
            await stream.ReadExactlyAsync(body, stop.Token);

            int status;
            string type;
            byte[] answer;
            if (parts[0] is "POST" or "PUT")
            {
                lock (Writes)
                {
                    Writes.Add((parts[1], headers.GetValueOrDefault("Content-Type", string.Empty), body));
                }

                (status, type, answer) = (201, "application/json", Encoding.UTF8.GetBytes(Answer));
            }
            else
            {
                using var request = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1].TrimStart('/'));
                request.Headers.TryAddWithoutValidation("Accept", headers.GetValueOrDefault("Accept", "application/json"));
                using var response = await upstream.SendAsync(request, stop.Token);
                (status, type, answer) = ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/json", await response.Content.ReadAsByteArrayAsync(stop.Token));
            }

            var reply = $"HTTP/1.1 {status} X\r\nContent-Type: {type}\r\nContent-Length: {answer.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(reply), stop.Token);
            await stream.WriteAsync(answer, stop.Token);
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
