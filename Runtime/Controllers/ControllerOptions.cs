using Junction.Runtime.Queue;

namespace Junction.Runtime.Controllers;

/// <summary>How a <see cref="Controller"/> runs.</summary>
public sealed class ControllerOptions
{
    /// <summary>The controller's name: the <c>controller</c> label of its metrics and the name of its queue.</summary>
    public required string Name { get; init; }

    /// <summary>How many requests are reconciled at the same time (controller-runtime <c>MaxConcurrentReconciles</c>).</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>How long shutdown waits for in-flight reconciles before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The retry limiter; <see cref="RateLimiters.DefaultController{T}"/> when null.</summary>
    public IRateLimiter<ReconcileRequest>? RateLimiter { get; init; }
}
