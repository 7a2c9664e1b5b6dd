namespace Junction.ApiServer.Semantics;

/// <summary>Hands out Service cluster IPs from 10.96.0.0/12, skipping 10.96.0.1 (the kubernetes Service) like the real allocator.</summary>
internal sealed class ClusterIpAllocator
{
    private readonly HashSet<uint> used = [];
    private uint next = 10;

    public string Allocate()
    {
        const uint baseAddress = (10u << 24) | (96u << 16);
        const uint size = 1u << 20;
        for (var tries = 0u; tries < size; tries++)
        {
            var offset = next;
            next = next + 1 >= size - 1 ? 2 : next + 1;
            if (used.Add(offset))
            {
                var ip = baseAddress + offset;
                return $"{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}";
            }
        }

        throw new InvalidOperationException("the service cluster IP range 10.96.0.0/12 is exhausted");
    }

    public void Reserve(string ip)
    {
        var parts = ip.Split('.');
        if (parts.Length == 4 && parts.All(p => uint.TryParse(p, out _)))
        {
            var value = parts.Select(uint.Parse).Aggregate(0u, (acc, p) => (acc << 8) | p);
            used.Add(value - ((10u << 24) | (96u << 16)));
        }
    }
}
