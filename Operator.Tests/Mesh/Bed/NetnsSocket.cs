using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// Sockets that belong to a named network namespace (<c>/var/run/netns/&lt;name&gt;</c>) although
/// this process lives in another: a socket keeps the namespace it was created in, so a dedicated
/// thread enters the namespace (setns), creates the socket and goes back. That lets in-process
/// servers (Kestrel) listen inside a pod and in-process clients dial from inside one, with the
/// pod's routes and capture rules, without a helper process per pod.
/// </summary>
internal static partial class NetnsSocket
{
    private const int CloneNewNet = 0x40000000;

    /// <summary>Creates a TCP or UDP socket inside the namespace.</summary>
    public static Socket Create(string netns, SocketType type, ProtocolType protocol)
    {
        Socket? created = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                created = CreateOnThisThread(netns, type, protocol);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"creating a socket in network namespace {netns} did not finish");
        }

        return created ?? throw new InvalidOperationException($"cannot create a socket in network namespace {netns}", failure);
    }

    /// <summary>A listening TCP socket inside the namespace.</summary>
    public static Socket Listen(string netns, IPEndPoint endpoint, int backlog = 512)
    {
        var socket = Create(netns, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A TCP connection dialled from inside the namespace (captured like an app's own connection).</summary>
    public static async Task<Socket> ConnectAsync(string netns, EndPoint endpoint, CancellationToken ct)
    {
        var socket = Create(netns, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(endpoint, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A duplicate of the socket's descriptor, for an owner (Kestrel's ListenHandle) that closes what it is given.</summary>
    public static ulong Duplicate(Socket socket)
    {
        var fd = Dup((int)socket.SafeHandle.DangerousGetHandle());
        if (fd < 0)
        {
            throw new InvalidOperationException($"dup failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (ulong)fd;
    }

    private static Socket CreateOnThisThread(string netns, SocketType type, ProtocolType protocol)
    {
        // The thread's own namespace, to return to before the thread ends (the runtime may not expect a moved thread).
        using var home = File.OpenHandle("/proc/thread-self/ns/net");
        using var target = File.OpenHandle(Path.Combine("/var/run/netns", netns));
        if (SetNs((int)target.DangerousGetHandle(), CloneNewNet) != 0)
        {
            throw new InvalidOperationException($"setns into {netns} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            return new Socket(AddressFamily.InterNetwork, type, protocol);
        }
        finally
        {
            if (SetNs((int)home.DangerousGetHandle(), CloneNewNet) != 0)
            {
                // A thread left in the pod's namespace must not go back to work for anyone else.
                Environment.FailFast($"setns back from {netns} failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);
}
