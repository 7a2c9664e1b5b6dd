using System.Net;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>
/// A /24 of 127.0.0.0/8 owned by one test, so parallel tests (and parallel test runs)
/// never share an address and can all use the same well-known ports.
/// </summary>
internal sealed record LoopbackBlock(int Second, int Third)
{
    private static int next;

    // The second octet follows the process so that two test runs on one machine stay apart.
    private static readonly int ProcessOctet = 100 + (Environment.ProcessId % 100);

    public static LoopbackBlock Allocate()
    {
        var n = Interlocked.Increment(ref next);
        return new LoopbackBlock(ProcessOctet + (n / 250), 1 + (n % 250));
    }

    public IPAddress Host(int last) => IPAddress.Parse($"127.{Second}.{Third}.{last}");

    /// <summary>The local DNS server.</summary>
    public IPAddress Dns => Host(1);

    /// <summary>The proxy's listeners.</summary>
    public IPAddress Proxy => Host(2);

    /// <summary>The n-th backend endpoint (0-based).</summary>
    public IPAddress Backend(int n) => Host(10 + n);
}
