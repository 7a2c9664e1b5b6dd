using System.Collections.Immutable;
using System.Globalization;

namespace Junction.Mesh.Capture;

/// <summary>
/// The iptables (nat table) rules that send a pod's TCP traffic through its sidecar with REDIRECT:
/// incoming to the inbound port, outgoing to the outbound port, except the proxy's own connections
/// (by uid and gid), loopback, the health port and excluded ports. Pure: the same options give the
/// same commands, each an argument list for <c>iptables</c>.
/// </summary>
internal static class CaptureRules
{
    /// <summary>Every chain Junction adds to the nat table.</summary>
    public static readonly ImmutableArray<string> Chains = ["JX_INBOUND", "JX_IN_REDIRECT", "JX_OUTPUT", "JX_REDIRECT"];

    /// <summary>The commands that install the rules into a nat table without them.</summary>
    public static ImmutableArray<ImmutableArray<string>> Install(CaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        foreach (var chain in Chains)
        {
            rules.Add(Nat("-N", chain));
        }

        rules.Add(Nat("-A", "JX_REDIRECT", "-p", "tcp", "-j", "REDIRECT", "--to-ports", Port(options.OutboundPort)));
        rules.Add(Nat("-A", "JX_IN_REDIRECT", "-p", "tcp", "-j", "REDIRECT", "--to-ports", Port(options.InboundPort)));

        rules.Add(Nat("-A", "PREROUTING", "-p", "tcp", "-j", "JX_INBOUND"));
        rules.Add(Nat("-A", "JX_INBOUND", "-p", "tcp", "--dport", Port(options.HealthPort), "-j", "RETURN"));
        rules.Add(Nat("-A", "JX_INBOUND", "-p", "tcp", "--dport", Port(options.AgentPort), "-j", "RETURN"));
        foreach (var port in options.ExcludeInboundPorts.Distinct().Order())
        {
            rules.Add(Nat("-A", "JX_INBOUND", "-p", "tcp", "--dport", Port(port), "-j", "RETURN"));
        }

        rules.Add(Nat("-A", "JX_INBOUND", "-p", "tcp", "-j", "JX_IN_REDIRECT"));

        rules.Add(Nat("-A", "OUTPUT", "-p", "tcp", "-j", "JX_OUTPUT"));
        rules.Add(Nat("-A", "JX_OUTPUT", "-m", "owner", "--uid-owner", Port(options.ProxyUid), "-j", "RETURN"));
        rules.Add(Nat("-A", "JX_OUTPUT", "-m", "owner", "--gid-owner", Port(options.ProxyGid), "-j", "RETURN"));
        rules.Add(Nat("-A", "JX_OUTPUT", "-d", "127.0.0.1/32", "-j", "RETURN"));
        foreach (var port in options.ExcludeOutboundPorts.Distinct().Order())
        {
            rules.Add(Nat("-A", "JX_OUTPUT", "-p", "tcp", "--dport", Port(port), "-j", "RETURN"));
        }

        rules.Add(Nat("-A", "JX_OUTPUT", "-j", "JX_REDIRECT"));
        return rules.ToImmutable();
    }

    /// <summary>
    /// The commands that remove whatever an earlier run installed (a restarted init container), in an
    /// order that works on a table with all, some or none of the rules. Failures of these are expected
    /// where a rule is absent and are ignored.
    /// </summary>
    public static ImmutableArray<ImmutableArray<string>> Uninstall()
    {
        var rules = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        rules.Add(Nat("-D", "PREROUTING", "-p", "tcp", "-j", "JX_INBOUND"));
        rules.Add(Nat("-D", "OUTPUT", "-p", "tcp", "-j", "JX_OUTPUT"));
        foreach (var chain in Chains)
        {
            rules.Add(Nat("-F", chain));
        }

        foreach (var chain in Chains)
        {
            rules.Add(Nat("-X", chain));
        }

        return rules.ToImmutable();
    }

    /// <summary>One command as a shell line, for <c>init-net --dry-run</c>.</summary>
    public static string ShellLine(ImmutableArray<string> arguments) => "iptables " + string.Join(' ', arguments);

    private static ImmutableArray<string> Nat(params string[] arguments) => ["-w", "-t", "nat", .. arguments];

    private static string Port(int value) => value.ToString(CultureInfo.InvariantCulture);
}
