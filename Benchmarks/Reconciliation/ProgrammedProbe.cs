using Junction.Api.V1Alpha1;
using Junction.Reconciliation;

namespace Junction.Benchmarks.Reconciliation;

/// <summary>Follows one policy through the benchmark's informer and tells when it is Programmed at a generation.</summary>
/// <param name="name">The policy followed.</param>
internal sealed class ProgrammedProbe(string name)
{
    private readonly Lock gate = new();
    private long programmedGeneration;
    private (long Generation, TaskCompletionSource Done)? waiting;

    /// <summary>The policy followed.</summary>
    public string Name => name;

    /// <summary>Called for every policy the informer delivers.</summary>
    public void See(TrafficPolicy policy)
    {
        if (policy.Metadata.Name != name)
        {
            return;
        }

        var generation = policy.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Programmed && c.Status == "True")?.ObservedGeneration ?? 0;
        lock (gate)
        {
            programmedGeneration = Math.Max(programmedGeneration, generation);
            if (waiting is { } w && programmedGeneration >= w.Generation)
            {
                w.Done.TrySetResult();
                waiting = null;
            }
        }
    }

    /// <summary>Completes when the policy is Programmed at <paramref name="generation"/> or later.</summary>
    public Task WaitAsync(long generation, TimeSpan limit)
    {
        lock (gate)
        {
            if (programmedGeneration >= generation)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = (generation, done);
            return done.Task.WaitAsync(limit);
        }
    }
}
