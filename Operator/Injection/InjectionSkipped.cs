namespace Junction.Injection;

/// <summary>The pod is admitted unchanged.</summary>
/// <param name="Reason">Why, for the log: opted out, already injected, not an enabled namespace, ...</param>
internal sealed record InjectionSkipped(string Reason) : InjectionOutcome;
