using System.Globalization;
using System.Net;

namespace Junction.Runtime.Hosting;

/// <summary>Parses kubebuilder-style bind addresses.</summary>
public static class BindAddress
{
    /// <summary>The endpoint, or null for <c>0</c> (disabled).</summary>
    /// <exception cref="FormatException">The address is not <c>host:port</c>, <c>:port</c> or <c>0</c>.</exception>
    public static IPEndPoint? Parse(string address)
    {
        if (address is "0" or "")
        {
            return null;
        }
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"Bind address \"{address}\" is not host:port, :port or 0.");
        }
        var host = address[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            return new IPEndPoint(IPAddress.Any, port);
        }
        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }
        return IPAddress.TryParse(host, out var ip)
            ? new IPEndPoint(ip, port)
            : throw new FormatException($"Bind address \"{address}\" does not name an IP address.");
    }
}
