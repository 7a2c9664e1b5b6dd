using System.Globalization;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// Pod IPs from 10.244.0.0/16 in order (kind's pod range), and the one simulated node's address. Nothing
/// ever connects to them; they are only reported, so they need to be unique and stable, not reachable.
/// </summary>
internal sealed class PodAddresses
{
    public const string NodeName = "junction-local";
    public const string HostIp = "172.18.0.2";
    private const int Size = 254 * 256;
    private readonly HashSet<string> inUse = new(StringComparer.Ordinal);
    private int next;

    public string Allocate()
    {
        lock (inUse)
        {
            for (var tries = 0; tries < Size; tries++)
            {
                var n = next++ % Size;
                var ip = string.Create(CultureInfo.InvariantCulture, $"10.244.{n / 254}.{(n % 254) + 1}");
                if (inUse.Add(ip))
                {
                    return ip;
                }
            }

            throw new InvalidOperationException("the simulated pod range 10.244.0.0/16 is exhausted");
        }
    }

    /// <summary>Keeps the addresses of pods that still exist, so a long run reuses the others.</summary>
    public void Retain(IEnumerable<string> live)
    {
        lock (inUse)
        {
            inUse.IntersectWith(live);
        }
    }
}
