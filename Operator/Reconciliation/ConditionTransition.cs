namespace Junction.Reconciliation;

/// <summary>A condition whose status flipped (or appeared); <see cref="StatusAnnouncements"/> picks those that become Kubernetes Events.</summary>
/// <param name="Type">The condition type, e.g. Ready.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">The new reason; the Event's reason.</param>
/// <param name="Message">The new message; the Event's message.</param>
internal sealed record ConditionTransition(string Type, string Status, string Reason, string Message)
{
    /// <summary>A condition turning False (or Unknown), or routes left out of an accepted spec, is worth a Warning event; True is Normal.</summary>
    public bool IsWarning => Status != "True" || Reason == ConditionReasons.PartiallyInvalid;

    /// <summary>
    /// A rollout in progress (proxies starting, an address being assigned) is normal, not a
    /// problem: it gets no Event, so a Warning always means something needs attention. A rollout
    /// that stalls turns into ProxyFailing, which does get one.
    /// </summary>
    public bool IsRolloutInProgress => Status != "True" && Reason is ConditionReasons.ProxyNotReady or ConditionReasons.AddressPending;
}
