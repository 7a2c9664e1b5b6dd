using System.Net.Sockets;
using System.Text;

namespace Junction.Tests.Reconciliation.K3s;

/// <summary>Answers, within two seconds, whether a Docker engine is there to run K3s.</summary>
internal static class DockerAvailability
{
    private static readonly Lazy<bool> Answer = new(Probe);

    /// <summary>True when the Docker socket exists and the engine answers its ping.</summary>
    public static bool IsAvailable => Answer.Value;

    private static bool Probe()
    {
        var socketPath = SocketPath();
        if (socketPath is null || !File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel.Token).AsTask().GetAwaiter().GetResult();
            socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), SocketFlags.None, cancel.Token).AsTask().GetAwaiter().GetResult();
            var buffer = new byte[512];
            var read = socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token).AsTask().GetAwaiter().GetResult();
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.", StringComparison.Ordinal)
                && Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private static string? SocketPath()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(host))
        {
            return "/var/run/docker.sock";
        }

        return host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : null;
    }
}
