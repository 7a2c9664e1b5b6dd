using Junction.Runtime.Metrics;

namespace Junction.Runtime.Queue;

/// <summary>client-go's workqueue metrics for one queue, labelled by queue name.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class WorkQueueMetrics<T>
    where T : notnull
{
    // client-go: prometheus.ExponentialBuckets(10e-9, 10, 12), 10 ns to 1000 s.
    private static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(10e-9, 10, 12);

    private readonly Lock gate = new();
    private readonly Dictionary<T, long> addedAt = [];
    private readonly Dictionary<T, long> startedAt = [];
    private readonly TimeProvider timeProvider;
    private readonly GaugeSeries depth;
    private readonly CounterSeries adds;
    private readonly CounterSeries retries;
    private readonly HistogramSeries queueDuration;
    private readonly HistogramSeries workDuration;
    private readonly GaugeSeries unfinished;
    private readonly GaugeSeries longestRunning;

    public WorkQueueMetrics(string name, TimeProvider timeProvider, MetricsRegistry registry)
    {
        this.timeProvider = timeProvider;
        depth = registry.Gauge("workqueue_depth", "Current depth of workqueue", "name").WithLabels(name);
        adds = registry.Counter("workqueue_adds_total", "Total number of adds handled by workqueue", "name").WithLabels(name);
        retries = registry.Counter("workqueue_retries_total", "Total number of retries handled by workqueue", "name").WithLabels(name);
        queueDuration = registry.Histogram(
            "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested",
            DurationBuckets, "name").WithLabels(name);
        workDuration = registry.Histogram(
            "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes",
            DurationBuckets, "name").WithLabels(name);
        unfinished = registry.Gauge(
            "workqueue_unfinished_work_seconds",
            "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.",
            "name").WithLabels(name);
        longestRunning = registry.Gauge(
            "workqueue_longest_running_processor_seconds",
            "How many seconds has the longest running processor for workqueue been running.",
            "name").WithLabels(name);
        registry.OnCollect(UpdateInProgress);
    }

    public void Added(T item)
    {
        adds.Inc();
        lock (gate)
        {
            addedAt.TryAdd(item, timeProvider.GetTimestamp());
        }
    }

    public void DepthChanged(int count) => depth.Set(count);

    public void Retried() => retries.Inc();

    public void Started(T item)
    {
        var now = timeProvider.GetTimestamp();
        lock (gate)
        {
            startedAt[item] = now;
            if (addedAt.Remove(item, out var added))
            {
                queueDuration.Observe(timeProvider.GetElapsedTime(added, now).TotalSeconds);
            }
        }
    }

    public void Finished(T item)
    {
        var now = timeProvider.GetTimestamp();
        lock (gate)
        {
            if (startedAt.Remove(item, out var started))
            {
                workDuration.Observe(timeProvider.GetElapsedTime(started, now).TotalSeconds);
            }
        }
    }

    private void UpdateInProgress()
    {
        var now = timeProvider.GetTimestamp();
        double total = 0;
        double longest = 0;
        lock (gate)
        {
            foreach (var started in startedAt.Values)
            {
                var seconds = timeProvider.GetElapsedTime(started, now).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }
        }
        unfinished.Set(total);
        longestRunning.Set(longest);
    }
}
