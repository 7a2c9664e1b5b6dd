using System.Security.Cryptography;
using System.Text;
using Junction.Agent.Api;

namespace Junction.Agent.Tests.Fakes;

/// <summary>
/// Bundles the way the operator writes them: haproxy.cfg with the hash in <c>description</c> and
/// <c>setenv</c>, a host map the frontend answers from, and the hash over the files without those lines.
/// </summary>
internal static class TestBundle
{
    public static ConfigBundle Create(string root, int port, int? tlsPort, string version, string hostMap, string extraFrontendLine = "")
    {
        var dir = root + "/etc/junction/proxy";
        var answer = "http-request return status 200 content-type text/plain lf-string \"v=" + version + " route=%[req.hdr(host),map(" + dir + "/host.map,none)]\"";
        var cfg = new StringBuilder()
            .Append("global\n")
            .Append("  stats socket ").Append(root).Append("/var/run/junction/admin.sock mode 600 level admin\n")
            .Append("  hard-stop-after 5s\n")
            .Append("#HASH#")
            .Append("defaults\n  mode http\n  timeout connect 2s\n  timeout client 10s\n  timeout server 10s\n  option idle-close-on-response\n")
            .Append("frontend web\n  bind 127.0.0.1:").Append(port).Append('\n')
            .Append("  ").Append(answer).Append('\n');
        if (extraFrontendLine.Length > 0)
        {
            cfg.Append("  ").Append(extraFrontendLine).Append('\n');
        }

        if (tlsPort is { } tls)
        {
            cfg.Append("frontend web_tls\n  bind 127.0.0.1:").Append(tls).Append(" ssl crt ").Append(root).Append("/var/run/junction/identity/tls.pem\n")
                .Append("  ").Append(answer).Append('\n');
        }

        var text = cfg.ToString();
        var files = new List<BundleFile> { new("haproxy.cfg", text.Replace("#HASH#", "", StringComparison.Ordinal)), new("host.map", hostMap) };
        var hash = Hash(files);
        files[0] = new BundleFile("haproxy.cfg", text.Replace("#HASH#", "  setenv JUNCTION_CONFIG_HASH " + hash + "\n  description junction hash=" + hash + "\n", StringComparison.Ordinal));
        return new ConfigBundle("gateway/shop/checkout", hash, [new PolicyGeneration("shop", "checkout", 1)], files);
    }

    private static string Hash(IEnumerable<BundleFile> files)
    {
        var sb = new StringBuilder();
        foreach (var f in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            sb.Append(f.Name).Append('\0').Append(f.Content).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
