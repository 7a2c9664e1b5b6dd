using System.Net.Sockets;
using System.Text;

namespace Junction.Agent.HAProxy;

/// <summary>One command over one HAProxy CLI connection (runtime API or master socket), in non-interactive mode.</summary>
internal static class UnixCli
{
    /// <summary>Sends <paramref name="command"/> and reads until HAProxy closes the connection.</summary>
    /// <param name="path">The socket.</param>
    /// <param name="command">One command line, or a command with a payload (<c>&lt;&lt;</c> ... blank line).</param>
    /// <param name="halfClose">
    /// Shut the write side after sending: the master answers a forwarded <c>@1 &lt;cmd&gt;</c> only
    /// then (2.6); the runtime API needs no half-close.
    /// </param>
    /// <param name="timeout">Bounds connect, send and read together.</param>
    /// <param name="ct">Cancels the call.</param>
    public static async Task<string> SendAsync(string path, string command, bool halfClose, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cts.Token);
        var text = command.EndsWith('\n') ? command : command + "\n";
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, cts.Token);
        if (halfClose)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        var buffer = new byte[16384];
        using var answer = new MemoryStream();
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            if (n == 0)
            {
                break;
            }

            answer.Write(buffer, 0, n);
        }

        return Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
    }
}
