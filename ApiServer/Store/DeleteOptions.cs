namespace Junction.ApiServer.Store;

/// <summary>A delete's propagation policy and preconditions.</summary>
internal sealed record DeleteOptions(string? PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun)
{
    public static DeleteOptions Default { get; } = new(null, null, null, false);
}
