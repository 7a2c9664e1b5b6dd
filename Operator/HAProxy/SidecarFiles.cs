namespace Junction.HAProxy;

/// <summary>The names of the files of a sidecar bundle.</summary>
internal static class SidecarFiles
{
    public const string Config = "haproxy.cfg";
    public const string HostMap = "host.map";
    public const string DestinationMap = "dst.map";
    public const string TcpMap = "tcp.map";
    public const string ModeMap = "mode.map";
    public const string AuthzMap = "authz.map";
    public const string AuthzExactMap = "authz-exact.map";
    public const string SpiffeLua = "spiffe.lua";
}
