namespace Junction.Ir;

/// <summary>
/// Everything one workload's sidecar proxy does, with every policy resolved: the inbound side
/// (mTLS mode and authorization of the policies whose target selects the workload) and the
/// outbound side (one entry per Service the workload may call that a Sidecar-mode policy covers).
/// Traffic neither side names passes through untouched.
/// </summary>
/// <param name="Workload">Who the sidecar runs for.</param>
/// <param name="Inbound">What the sidecar does with connections to the workload.</param>
/// <param name="Outbound">Covered Services, in policy namespace/name order.</param>
/// <param name="OpaquePorts">Destination ports never sniffed for HTTP, ascending.</param>
/// <param name="Notices">Things the policies ask for that the sidecar does not do, in words.</param>
internal sealed record SidecarConfig(
    SidecarWorkload Workload,
    SidecarInbound Inbound,
    EquatableArray<OutboundService> Outbound,
    EquatableArray<int> OpaquePorts,
    EquatableArray<string> Notices);
