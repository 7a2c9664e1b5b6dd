namespace Junction.Reconciliation;

/// <summary>The condition types a TrafficPolicy reports, in the order they are listed.</summary>
internal static class ConditionTypes
{
    /// <summary>The spec is valid.</summary>
    public const string Accepted = "Accepted";

    /// <summary>Every referenced Service, port and Secret exists.</summary>
    public const string ResolvedRefs = "ResolvedRefs";

    /// <summary>Every child object is written and matches the current generation.</summary>
    public const string Programmed = "Programmed";

    /// <summary>Programmed, the proxies run the current config, and the Ingress has an address.</summary>
    public const string Ready = "Ready";

    /// <summary>All four, in order.</summary>
    public static readonly IReadOnlyList<string> All = [Accepted, ResolvedRefs, Programmed, Ready];
}
