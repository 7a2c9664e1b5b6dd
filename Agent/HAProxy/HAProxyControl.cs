using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Junction.Agent.HAProxy;

/// <summary>
/// The two CLIs the agent drives (MESH.md §5–6): the master socket (reload, <c>show proc</c>,
/// <c>@1 show info</c> forwarded to the current worker) and the runtime API (maps, leaf
/// certificates). Every wait is bounded; 2.6's quirks are handled here: <c>reload</c> answers nothing
/// and closes, the master refuses connections while it re-executes, and a forwarded command is
/// answered only after the client half-closes.
/// </summary>
internal sealed class HAProxyControl
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);
    // Only while a reload or start is under way: a few Unix-socket connects, not a busy loop.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    // One runtime-API command buffer is tune.bufsize (16 kB); payloads stay well below.
    private const int PayloadBytes = 8000;

    private readonly string masterSocket;
    private readonly string adminSocket;
    private readonly TimeProvider time;

    /// <summary>Drives the sockets at these paths.</summary>
    public HAProxyControl(string masterSocket, string adminSocket, TimeProvider time)
    {
        this.masterSocket = masterSocket;
        this.adminSocket = adminSocket;
        this.time = time;
    }

    /// <summary>What the current worker reports, or null when the master or worker does not answer.</summary>
    public async Task<WorkerInfo?> WorkerAsync(CancellationToken ct)
    {
        try
        {
            return WorkerInfo.Parse(await UnixCli.SendAsync(masterSocket, "@1 show info", halfClose: true, CommandTimeout, ct));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Waits (bounded) until the current worker answers with a hash.</summary>
    public async Task<WorkerInfo?> WaitForWorkerAsync(TimeSpan within, Func<WorkerInfo, bool> accept, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + within;
        WorkerInfo? last = null;
        while (time.GetUtcNow() < deadline)
        {
            last = await WorkerAsync(ct);
            if (last is not null && accept(last))
            {
                return last;
            }

            await Task.Delay(Poll, time, ct);
        }

        return last;
    }

    /// <summary>The master's reload counters and the raw <c>show proc</c> text.</summary>
    public async Task<(MasterStatus? Status, string Text)> MasterAsync(CancellationToken ct)
    {
        try
        {
            var text = await UnixCli.SendAsync(masterSocket, "show proc", halfClose: true, CommandTimeout, ct);
            return (MasterStatus.Parse(text), text);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (null, "");
        }
    }

    /// <summary>
    /// Reloads through the master and waits until the master has counted the reload; then either
    /// the new worker answers (<see cref="ReloadOutcome.Loaded"/>) or the failure is reported with
    /// the master's output since the reload began.
    /// </summary>
    public async Task<ReloadOutcome> ReloadAsync(HAProxyProcess process, TimeSpan within, CancellationToken ct)
    {
        var (before, _) = await MasterAsync(ct);
        if (before is null)
        {
            return new ReloadOutcome.Failed("the master CLI did not answer before the reload");
        }

        await SaveServerStateAsync(process.ConfigFile, ct);
        var mark = process.Mark;
        var deadline = time.GetUtcNow() + within;
        var sent = false;
        while (!sent && time.GetUtcNow() < deadline)
        {
            try
            {
                // 2.6 answers nothing and closes (2.7+ answers Success=1/0).
                await UnixCli.SendAsync(masterSocket, "reload", halfClose: true, CommandTimeout, ct);
                sent = true;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                await Task.Delay(Poll, time, ct);
            }
        }

        if (!sent)
        {
            return new ReloadOutcome.Failed("the master CLI refused the reload");
        }

        while (time.GetUtcNow() < deadline)
        {
            if (process.HasExited)
            {
                return new ReloadOutcome.Failed(ErrorText(process.LinesSince(mark), "HAProxy exited during the reload"));
            }

            var (after, text) = await MasterAsync(ct);
            if (after is not null && after.Reloads > before.Reloads)
            {
                if (after.Failed > before.Failed)
                {
                    return new ReloadOutcome.Failed(ErrorText(process.LinesSince(mark), text.Trim()));
                }

                var remaining = deadline - time.GetUtcNow();
                var worker = await WaitForWorkerAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromSeconds(1), _ => true, ct);
                return worker is not null
                    ? new ReloadOutcome.Loaded(worker)
                    : new ReloadOutcome.Failed(ErrorText(process.LinesSince(mark), "the new worker did not answer"));
            }

            await Task.Delay(Poll, time, ct);
        }

        return new ReloadOutcome.Failed(ErrorText(process.LinesSince(mark), "the master did not report the reload within " + within.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s"));
    }

    /// <summary>The map files the worker has loaded (<c>show map</c>).</summary>
    public async Task<IReadOnlySet<string>> LoadedMapsAsync(CancellationToken ct)
    {
        var text = await AdminAsync("show map", ct);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var open = line.IndexOf('(', StringComparison.Ordinal);
            var close = open < 0 ? -1 : line.IndexOf(')', open);
            if (close > open + 1)
            {
                paths.Add(line[(open + 1)..close]);
            }
        }

        return paths;
    }

    /// <summary>The entries the worker holds for <paramref name="map"/>.</summary>
    public async Task<IReadOnlyList<MapEntry>> ShowMapAsync(string map, CancellationToken ct) =>
        MapEntry.ParseShowMap(await AdminAsync("show map " + map, ct));

    /// <summary>
    /// Replaces a map's entries atomically: a new version is prepared, filled and committed, so
    /// lookups see the old entries until the commit and the new ones after. Returns HAProxy's
    /// complaint, or null.
    /// </summary>
    public async Task<string?> ReplaceMapAsync(string map, IReadOnlyList<MapEntry> entries, CancellationToken ct)
    {
        var prepared = await AdminAsync("prepare map " + map, ct);
        const string created = "New version created:";
        var at = prepared.IndexOf(created, StringComparison.Ordinal);
        if (at < 0)
        {
            return prepared.Trim();
        }

        var version = prepared[(at + created.Length)..].Trim();
        var payload = new StringBuilder();
        foreach (var e in entries)
        {
            if (payload.Length > PayloadBytes)
            {
                if (await AddAsync(version, map, payload, ct) is { } error)
                {
                    return error;
                }
            }

            payload.Append(e.Key).Append(' ').Append(e.Value).Append('\n');
        }

        if (payload.Length > 0 && await AddAsync(version, map, payload, ct) is { } last)
        {
            return last;
        }

        var committed = (await AdminAsync("commit map @" + version + " " + map, ct)).Trim();
        return committed.Length == 0 ? null : committed;
    }

    /// <summary>
    /// Replaces a leaf certificate the worker has loaded from <paramref name="file"/> (<c>set ssl cert</c> +
    /// <c>commit ssl cert</c>). Returns null on success, "not loaded" when no bind or server uses
    /// that file, else HAProxy's complaint.
    /// </summary>
    public async Task<(bool Loaded, string? Error)> ReplaceCertificateAsync(string file, string pem, CancellationToken ct)
    {
        // The payload ends with a blank line.
        var set = await AdminAsync("set ssl cert " + file + " <<\n" + pem.TrimEnd('\n') + "\n\n", ct);
        // 2.6 answers "Can't replace a certificate which is not referenced by the configuration!" for a file no
        // bind or server loads (a gateway that is not meshed): the file on disk is then all there is to update.
        if (set.Contains("unknown", StringComparison.OrdinalIgnoreCase) || set.Contains("not found", StringComparison.OrdinalIgnoreCase)
            || set.Contains("not referenced by the configuration", StringComparison.OrdinalIgnoreCase))
        {
            return (false, null);
        }

        if (!set.Contains("Transaction", StringComparison.OrdinalIgnoreCase))
        {
            await AdminAsync("abort ssl cert " + file, ct);
            return (true, set.Trim());
        }

        var commit = await AdminAsync("commit ssl cert " + file, ct);
        return commit.Contains("Success", StringComparison.Ordinal) ? (true, null) : (true, commit.Trim());
    }

    /// <summary>The ALERT lines of the master's output, or <paramref name="fallback"/> when it printed none.</summary>
    public static string ErrorText(IReadOnlyList<string> lines, string fallback)
    {
        var alerts = lines.Where(l => l.Contains("[ALERT]", StringComparison.Ordinal)).ToList();
        return alerts.Count > 0 ? string.Join('\n', alerts) : fallback;
    }

    private async Task<string?> AddAsync(string version, string map, StringBuilder payload, CancellationToken ct)
    {
        var answer = (await AdminAsync("add map @" + version + " " + map + " <<\n" + payload + "\n", ct)).Trim();
        payload.Clear();
        return answer.Length == 0 ? null : answer;
    }

    /// <summary>The <c>server-state-file</c> of a configuration's global section, or null when it names none.</summary>
    public static string? ServerStateFile(string config)
    {
        foreach (var raw in config.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("server-state-file ", StringComparison.Ordinal))
            {
                return line["server-state-file ".Length..].Trim().Trim('\'', '"');
            }
        }

        return null;
    }

    // The new worker takes the old one's server addresses and states from the server-state file
    // (load-server-state-from-file global). Without a fresh dump it starts with the servers its resolvers
    // have not filled in yet, and answers 503 until DNS does: requests lost on every reload.
    private async Task SaveServerStateAsync(string configFile, CancellationToken ct)
    {
        try
        {
            if (ServerStateFile(await File.ReadAllTextAsync(configFile, ct)) is not { } path)
            {
                return;
            }

            var state = await AdminAsync("show servers state", ct);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var staged = path + ".new";
            await File.WriteAllTextAsync(staged, state, ct);
            File.Move(staged, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
        {
            // A reload without the dump still works; it only starts its servers unresolved.
        }
    }

    private Task<string> AdminAsync(string command, CancellationToken ct) =>
        UnixCli.SendAsync(adminSocket, command, halfClose: false, CommandTimeout, ct);
}
