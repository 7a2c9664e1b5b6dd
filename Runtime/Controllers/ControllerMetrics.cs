using Junction.Runtime.Metrics;

namespace Junction.Runtime.Controllers;

/// <summary>controller-runtime's controller metrics, labelled by controller name.</summary>
internal sealed class ControllerMetrics
{
    // controller-runtime's reconcile_time_seconds buckets.
    private static readonly double[] ReconcileBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    private readonly Counter total;
    private readonly string controller;

    public ControllerMetrics(string controller, MetricsRegistry registry)
    {
        this.controller = controller;
        total = registry.Counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        foreach (var result in new[] { "success", "error", "requeue", "requeue_after" })
        {
            total.WithLabels(controller, result);
        }
        Errors = registry.Counter("controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller").WithLabels(controller);
        ReconcileTime = registry.Histogram("controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller", ReconcileBuckets, "controller").WithLabels(controller);
        MaxConcurrent = registry.Gauge("controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller").WithLabels(controller);
        ActiveWorkers = registry.Gauge("controller_runtime_active_workers", "Number of currently used workers per controller", "controller").WithLabels(controller);
    }

    public CounterSeries Errors { get; }

    public HistogramSeries ReconcileTime { get; }

    public GaugeSeries MaxConcurrent { get; }

    public GaugeSeries ActiveWorkers { get; }

    public void Counted(string result) => total.WithLabels(controller, result).Inc();
}
