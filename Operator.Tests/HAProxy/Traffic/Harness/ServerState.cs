using System.Globalization;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>One server slot of the running worker, from <c>show servers state</c>.</summary>
internal sealed record ServerState(string Backend, string Server, string Address, int Port, int OperationalState, int AdminState)
{
    // SRV_ADMF_HMAINT: set on every server whose host name came from an SRV record; not a maintenance state.
    private const int HostnameFromSrv = 0x40;

    /// <summary>Resolved, not in maintenance, and passing its checks (if any).</summary>
    public bool IsUp => OperationalState == 2 && (AdminState & ~HostnameFromSrv) == 0;

    public string Endpoint => $"{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static IReadOnlyList<ServerState> Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# be_id", StringComparison.Ordinal))
            ?? throw new FormatException($"unexpected 'show servers state' answer: {text}");
        var columns = header[2..].Split(' ').Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        return lines
            .Where(l => !l.StartsWith('#') && l.Contains(' ', StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .Where(f => f.Length >= columns.Count)
            .Select(f => new ServerState(
                f[columns["be_name"]],
                f[columns["srv_name"]],
                f[columns["srv_addr"]],
                int.Parse(f[columns["srv_port"]], CultureInfo.InvariantCulture),
                int.Parse(f[columns["srv_op_state"]], CultureInfo.InvariantCulture),
                int.Parse(f[columns["srv_admin_state"]], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
