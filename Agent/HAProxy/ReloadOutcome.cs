namespace Junction.Agent.HAProxy;

/// <summary>How a master-CLI reload ended: the new worker runs, or the master kept the old one.</summary>
internal abstract record ReloadOutcome
{
    private ReloadOutcome()
    {
    }

    /// <summary>The new worker answers.</summary>
    /// <param name="Worker">What it reports.</param>
    public sealed record Loaded(WorkerInfo Worker) : ReloadOutcome;

    /// <summary>The reload failed; the old worker, if any, keeps serving.</summary>
    /// <param name="Error">HAProxy's own text (the master's ALERTs, or <c>show proc</c>).</param>
    public sealed record Failed(string Error) : ReloadOutcome;
}
