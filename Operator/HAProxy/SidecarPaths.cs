namespace Junction.HAProxy;

/// <summary>
/// Where a sidecar's files live inside its container, each under an optional root so that a
/// bundle can also run outside a container (tests, local runs).
/// </summary>
/// <param name="Root">Prefix of every absolute path; empty inside the container.</param>
internal sealed record SidecarPaths(string Root)
{
    /// <summary>The bundle's directory: haproxy.cfg, its maps and its Lua file.</summary>
    public string BundleDirectory => Root + "/etc/junction/proxy";

    /// <summary>The workload's leaf certificate and private key (PEM).</summary>
    public string Certificate => Root + "/var/run/junction/identity/tls.pem";

    /// <summary>The trust bundle (PEM).</summary>
    public string TrustBundle => Root + "/var/run/junction/identity/ca.pem";

    /// <summary>The runtime API socket (stats socket, level admin).</summary>
    public string AdminSocket => Root + "/var/run/junction/admin.sock";

    /// <summary>Saved server state, read by a new worker after a reload.</summary>
    public string ServerStateFile => Root + "/var/run/junction/server-state";

    /// <summary>A file of the bundle by name.</summary>
    public string File(string name) => BundleDirectory + "/" + name;

    /// <summary>The in-container paths.</summary>
    public static SidecarPaths Container { get; } = new("");
}
