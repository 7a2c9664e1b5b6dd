namespace Junction.Ir;

/// <summary>
/// How long a proxy's old worker may finish its connections after a reload or a stop. The HAProxy
/// renderer writes it as <c>hard-stop-after</c>; the Kubernetes renderer makes the pod's termination
/// grace period longer than it. Both read it here so that neither renderer reaches into the other.
/// </summary>
internal static class ProxyLifecycle
{
    /// <summary>The drain limit of an old worker.</summary>
    public static readonly TimeSpan HardStopAfter = TimeSpan.FromMinutes(5);
}
