namespace Junction.ApiServer.Store;

/// <summary>Query options of a write: the field manager, validation level, dry run and apply force.</summary>
internal sealed record WriteOptions(string FieldManager, string FieldValidation, bool DryRun, bool Force)
{
    public static WriteOptions Default { get; } = new("unknown", "Ignore", false, false);

    /// <summary>What strict decoding found in a patch body itself (duplicate members), reported before the patched object's unknown fields.</summary>
    public IReadOnlyList<string> StrictIssues { get; init; } = [];
}
