namespace Junction.Distribution;

/// <summary>The two kinds of proxy the operator serves bundles to.</summary>
internal enum ProxyKind
{
    /// <summary>A gateway Deployment's proxy.</summary>
    Gateway,

    /// <summary>A workload's sidecar proxy.</summary>
    Sidecar,
}
