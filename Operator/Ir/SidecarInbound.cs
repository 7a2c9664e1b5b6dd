namespace Junction.Ir;

/// <summary>The inbound side of a sidecar (port 15006).</summary>
/// <param name="Mode">The mTLS mode of the workload: the strictest of the selecting policies.</param>
/// <param name="Policies">The selecting policies, as namespace/name, in order.</param>
/// <param name="Ports">Application ports guarded by an authorization that denies by default, ascending.</param>
/// <param name="Rules">What those ports allow.</param>
internal sealed record SidecarInbound(
    MtlsMode Mode,
    EquatableArray<string> Policies,
    EquatableArray<int> Ports,
    EquatableArray<AccessRule> Rules);
