using Junction.Runtime.Metrics;

namespace Junction.Hosting;

/// <summary>The operator's own memory, on /metrics: what capacity planning for many policies needs.</summary>
internal static class ProcessMetrics
{
    /// <summary>Adds resident set size and managed heap gauges, refreshed at every scrape.</summary>
    public static void Register(MetricsRegistry metrics)
    {
        var rss = metrics.Gauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        var heap = metrics.Gauge("dotnet_gc_heap_size_bytes", "Managed heap size after the last garbage collection, in bytes.");
        var allocated = metrics.Gauge("dotnet_gc_memory_total_bytes", "Bytes currently thought to be allocated on the managed heap.");
        metrics.OnCollect(() =>
        {
            rss.Set(Environment.WorkingSet);
            heap.Set(GC.GetGCMemoryInfo().HeapSizeBytes);
            allocated.Set(GC.GetTotalMemory(forceFullCollection: false));
        });
    }
}
