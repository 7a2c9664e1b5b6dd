namespace Junction.Translation;

/// <summary>How a gateway's pods learn a new config (the run verb's <c>--config-delivery</c>).</summary>
internal enum ConfigDelivery
{
    /// <summary>
    /// The config-hash annotation on the pod template rolls every pod on each change, and status
    /// counts the Deployment's updated replicas. Needs no agent: the local run's simulated cluster uses it.
    /// </summary>
    Rollout,

    /// <summary>
    /// junction-agent in each pod fetches the bundle from the operator and applies it in place; the
    /// pod template changes only when the pod itself must, and status counts the agents' ACKs.
    /// </summary>
    Agent,
}
