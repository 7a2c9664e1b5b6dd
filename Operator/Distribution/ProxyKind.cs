namespace Junction.Distribution;

/// <summary>What kind of proxy runs the agent: a policy's gateway or a workload's sidecar.</summary>
internal enum ProxyKind
{
    /// <summary>A gateway Deployment's pods.</summary>
    Gateway,

    /// <summary>The sidecars of the pods of one ServiceAccount.</summary>
    Sidecar,
}
