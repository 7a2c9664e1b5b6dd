using Junction.Runtime.Informers;
using k8s.Models;

namespace Junction.Hosting.Local;

/// <summary>
/// Keeps a local run's DNS in step with the Services, the way a cluster DNS follows its watch: every
/// add, change or delete the operator's Service informer sees republishes the records at once, so a
/// proxy that reloads for a new backend finds its name (the headless twin the operator just made)
/// instead of an NXDOMAIN it would keep until its next resolution.
/// </summary>
internal sealed class LocalDnsFeed
{
    private readonly Informer<V1Service> services;
    private readonly LocalDnsServer dns;
    private readonly Action<string> problem;
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private LocalDnsFeed(Informer<V1Service> services, LocalDnsServer dns, Action<string> problem)
    {
        this.services = services;
        this.dns = dns;
        this.problem = problem;
    }

    /// <summary>
    /// Publishes the records of the Services in <paramref name="services"/>' cache now and after every
    /// event; <paramref name="problem"/> hears once of each annotation that cannot be used.
    /// </summary>
    public static LocalDnsFeed Follow(Informer<V1Service> services, LocalDnsServer dns, Action<string> problem)
    {
        var feed = new LocalDnsFeed(services, dns, problem);
        services.AddEventHandler(new ResourceEventHandler<V1Service>
        {
            // A late joiner hears of every cached Service as an add: one publish below covers them.
            OnAdd = (_, initial) =>
            {
                if (!initial)
                {
                    feed.Publish();
                }
            },
            OnUpdate = (_, _) => feed.Publish(),
            OnDelete = (_, _) => feed.Publish(),
        });
        feed.Publish();
        return feed;
    }

    /// <summary>Republishes from the cache as it is now.</summary>
    public void Publish()
    {
        // One publisher at a time, so that an older listing never overwrites a newer one.
        lock (gate)
        {
            var (records, problems) = LocalEndpoints.Records(services.Cache.List());
            dns.Publish(records);
            foreach (var p in problems.Where(reported.Add))
            {
                problem(p);
            }
        }
    }
}
