namespace Junction.ApiServer.Semantics;

/// <summary>
/// Hands out node ports from kube-apiserver's default range 30000-32767 to NodePort and LoadBalancer Service
/// ports that do not name one; a port a Service names itself is taken from the pool.
/// </summary>
internal sealed class NodePortAllocator
{
    public const int First = 30000;
    public const int Last = 32767;

    private readonly HashSet<long> used = [];
    private long next = First;

    public long Allocate()
    {
        for (var tries = 0; tries <= Last - First; tries++)
        {
            var port = next;
            next = next == Last ? First : next + 1;
            if (used.Add(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"the node port range {First}-{Last} is exhausted");
    }

    public void Reserve(long port) => used.Add(port);
}
