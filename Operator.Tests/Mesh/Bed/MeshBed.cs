using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Junction.Api.V1Alpha1;
using Junction.Cli;
using Junction.Ir;
using Junction.Manifests;
using Junction.Mesh.Capture;
using Junction.Mesh.Identity;
using Junction.Tests.HAProxy.Traffic.Harness;
using k8s.Models;

namespace Junction.Tests.Mesh.Bed;

/// <summary>
/// A small cluster made of network namespaces (docs: Operator.Tests/Mesh/Bed/README.md). A bridge
/// namespace holds a Linux bridge (<see cref="BridgeAddress"/>), dnsmasq on port 53 for the
/// Service names, and kube-proxy-like DNAT for the ClusterIPs; every Pod of the workloads file is a
/// namespace with a veth into the bridge. Meshed pods get the project's capture rules, a
/// certificate from the project's CA and a real HAProxy sidecar running the bundle
/// <c>junction render --sidecar</c> wrote for them. Everything the bed creates is removed on
/// dispose, also when it fails half-way through its start; nothing leaves its namespaces.
/// </summary>
internal sealed class MeshBed : IAsyncDisposable
{
    /// <summary>Every namespace, directory and file the bed makes starts with this, then the owning process id.</summary>
    public const string NamePrefix = "jxbed-";

    public const string ClusterDomain = "cluster.local";

    /// <summary>The bridge's address in the pods' /24: their gateway to the ClusterIP range and their nameserver.</summary>
    public static readonly IPAddress BridgeAddress = IPAddress.Parse("10.77.0.1");

    public const string PodNetwork = "10.77.0.0/24";

    public const string ClusterIpNetwork = "10.78.0.0/24";

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);

    private readonly Stack<(string What, Func<Task> Undo)> cleanups = new();
    private readonly Dictionary<string, MeshPod> pods = new(StringComparer.Ordinal);
    private int staging;

    private MeshBed(BedWorkloads workloads, string runId)
    {
        Workloads = workloads;
        RunId = runId;
        Directory = Path.Combine(Path.GetTempPath(), NamePrefix + runId);
        BridgeNetns = NamePrefix + runId + "-bridge";
    }

    public BedWorkloads Workloads { get; }

    /// <summary><c>&lt;pid&gt;-&lt;random&gt;</c>: in every name, so parallel runs never meet and a sweep knows stale ones.</summary>
    public string RunId { get; }

    /// <summary>The bed's temp directory; each pod's root is a directory in it.</summary>
    public string Directory { get; }

    public string BridgeNetns { get; }

    public BedDns Dns { get; private set; } = null!;

    /// <summary>The project's CA that signed every sidecar's certificate; tests may sign more with it.</summary>
    public CertificateAuthority Authority { get; private set; } = null!;

    public IReadOnlyDictionary<string, MeshPod> Pods => pods;

    /// <summary>Lines written while the bed starts and changes (what was rendered, reloaded, waited for).</summary>
    public List<string> Log { get; } = [];

    public MeshPod Pod(string name) => pods.TryGetValue(name, out var pod) ? pod : throw new ArgumentException($"the bed has no pod {name}", nameof(name));

    /// <summary>The HTTP app of a pod (its first one, or the one on <paramref name="port"/>).</summary>
    public PodApp App(string pod, int? port = null)
    {
        var apps = Pod(pod).Apps;
        return port is { } p ? apps[p] : apps.Values.First();
    }

    /// <summary>Forgets what every app has seen, so a test counts only its own requests.</summary>
    public void ClearRequests()
    {
        foreach (var app in pods.Values.SelectMany(p => p.Apps.Values))
        {
            app.ClearRequests();
        }
    }

    /// <summary>A Service's ClusterIP and port.</summary>
    public IPEndPoint ClusterIp(string service, int port, string ns = "shop")
    {
        var svc = Workloads.Services.Single(s => s.Metadata.Name == service && BedWorkloads.NamespaceOf(s) == ns);
        return new IPEndPoint(IPAddress.Parse(svc.Spec.ClusterIP), port);
    }

    /// <summary>Runs one runtime API command on a pod's sidecar admin socket.</summary>
    public Task<string> AdminAsync(string pod, string command, CancellationToken ct = default) => Pod(pod).RequireSidecar().AdminAsync(command, ct);

    /// <summary>Why the bed cannot run on this machine (missing tool, no permission for network namespaces), or null.</summary>
    public static async Task<string?> UnavailableAsync()
    {
        foreach (var tool in new[] { "ip", "haproxy", "dnsmasq", "iptables", "setpriv", "curl", "getent" })
        {
            if (Tools.Find(tool) is null)
            {
                return $"{tool} is not installed";
            }
        }

        var probe = $"{NamePrefix}{Environment.ProcessId}-probe-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";
        var added = await BedCommand.RunAsync(TimeSpan.FromSeconds(10), ["ip", "netns", "add", probe]);
        if (!added.Succeeded)
        {
            return "ip netns add is not permitted here (the mesh bed needs root or CAP_SYS_ADMIN + CAP_NET_ADMIN): " + added.Stderr.Trim();
        }

        await BedCommand.RunAsync(TimeSpan.FromSeconds(10), ["ip", "netns", "del", probe]);
        return null;
    }

    /// <summary>
    /// Builds the bed for the workloads file and starts every meshed pod's sidecar with the bundle
    /// rendered from the workloads and the options' policy files. On failure everything made so far is removed.
    /// </summary>
    public static async Task<MeshBed> StartAsync(MeshBedOptions options, CancellationToken ct)
    {
        await SweepStaleAsync();
        var bed = new MeshBed(BedWorkloads.Load(options.WorkloadsFile), $"{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}");
        try
        {
            await bed.BuildAsync(options, ct);
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    /// <summary>Renders every meshed pod's bundle from <paramref name="policyFiles"/> and reloads the sidecars whose bundle changed.</summary>
    public async Task ApplyAsync(IReadOnlyList<string> policyFiles, CancellationToken ct = default)
    {
        await RegisterHeadlessTwinsAsync(policyFiles, ct);
        foreach (var pod in pods.Values.Where(p => p.Sidecar is not null))
        {
            await ApplyToPodAsync(pod, policyFiles, ct);
        }
    }

    /// <summary>Renders one pod's bundle from <paramref name="policyFiles"/> and reloads its sidecar when the bundle changed.</summary>
    public async Task ApplyAsync(string pod, IReadOnlyList<string> policyFiles, CancellationToken ct = default)
    {
        await RegisterHeadlessTwinsAsync(policyFiles, ct);
        await ApplyToPodAsync(Pod(pod), policyFiles, ct);
    }

    /// <summary>Removes everything the bed made, newest first; a step that fails does not stop the others.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var pod in pods.Values)
        {
            pod.Http.Dispose();
        }

        while (cleanups.TryPop(out var step))
        {
            try
            {
                await step.Undo();
            }
            catch (Exception e)
            {
                Log.Add($"cleanup {step.What} failed: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Removes what earlier runs left behind when they died before their dispose: namespaces (after
    /// killing what still runs in them), /etc/netns entries and temp directories whose owning process is gone.
    /// </summary>
    public static async Task SweepStaleAsync()
    {
        var list = await BedCommand.RunAsync(TimeSpan.FromSeconds(10), ["ip", "netns", "list"]);
        foreach (var name in list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Where(IsStale))
        {
            var inside = await BedCommand.RunAsync(TimeSpan.FromSeconds(10), ["ip", "netns", "pids", name]);
            foreach (var pid in inside.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await BedCommand.RunAsync(TimeSpan.FromSeconds(5), ["kill", "-KILL", pid.Trim()]);
            }

            await BedCommand.RunAsync(TimeSpan.FromSeconds(10), ["ip", "netns", "del", name]);
        }

        foreach (var directory in SafeList("/etc/netns").Concat(SafeList(Path.GetTempPath())).Where(d => IsStale(Path.GetFileName(d))))
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Something still holds it; the next sweep tries again.
            }
        }
    }

    private static IEnumerable<string> SafeList(string directory) =>
        System.IO.Directory.Exists(directory) ? System.IO.Directory.GetDirectories(directory) : [];

    private static bool IsStale(string name)
    {
        if (!name.StartsWith(NamePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var pid = name[NamePrefix.Length..].Split('-')[0];
        return int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id != Environment.ProcessId && !System.IO.Directory.Exists($"/proc/{id}");
    }

    private void OnCleanup(string what, Func<Task> undo) => cleanups.Push((what, undo));

    private void OnCleanup(string what, Action undo) => cleanups.Push((what, () => Run(undo)));

    private static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private static Task ChmodAsync(string mode, params string[] paths) => BedCommand.CheckedAsync(["chmod", mode, .. paths]);

    private Task<string> IpAsync(string netns, params string[] args) => BedCommand.CheckedAsync(["ip", "-n", netns, .. args]);

    private async Task BuildAsync(MeshBedOptions options, CancellationToken ct)
    {
        var policyFiles = options.PolicyFiles;
        System.IO.Directory.CreateDirectory(Directory);
        OnCleanup("temp directory", () => System.IO.Directory.Delete(Directory, recursive: true));
        await ChmodAsync("0755", Directory);

        await AddNetnsAsync(BridgeNetns);
        await IpAsync(BridgeNetns, "link", "add", "br0", "type", "bridge");
        await IpAsync(BridgeNetns, "addr", "add", BridgeAddress + "/24", "dev", "br0");
        await IpAsync(BridgeNetns, "link", "set", "br0", "up");
        // Forwarding inside the bridge namespace only: the ClusterIP DNAT below routes back onto the bridge.
        await BedCommand.CheckedAsync(["ip", "netns", "exec", BridgeNetns, "sysctl", "-qw", "net.ipv4.ip_forward=1"], ct);
        await File.WriteAllTextAsync(Path.Combine("/etc/netns", BridgeNetns, "resolv.conf"), $"nameserver {BridgeAddress}\noptions timeout:1 attempts:2\n", ct);
        Dns = await BedDns.StartAsync(BridgeNetns, BridgeAddress, Directory, ClusterDomain, ct);
        OnCleanup("dnsmasq", Dns.Dispose);

        var index = 0;
        foreach (var spec in Workloads.Pods)
        {
            await AddPodAsync(spec, index++, ct);
        }

        await AddServiceRoutingAsync(ct);
        await Dns.SetAsync(ServiceRecords(), ct);
        await RegisterHeadlessTwinsAsync(policyFiles, ct);

        foreach (var pod in pods.Values)
        {
            await StartAppsAsync(pod, ct);
        }

        Authority = CertificateAuthority.Create(new CertificateAuthorityOptions { TrustDomain = ClusterDomain }, TimeProvider.System);
        OnCleanup("certificate authority", Authority.Dispose);
        foreach (var pod in pods.Values.Where(p => p.Meshed && options.Sidecars))
        {
            await StartSidecarAsync(pod, policyFiles, ct);
        }
    }

    private async Task AddNetnsAsync(string name)
    {
        await BedCommand.CheckedAsync(["ip", "netns", "add", name]);
        OnCleanup("netns " + name, async () =>
        {
            var result = await BedCommand.RunAsync(TimeSpan.FromSeconds(10), ["ip", "netns", "del", name]);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"ip netns del {name}: {result}");
            }
        });
        await IpAsync(name, "link", "set", "lo", "up");
        var etc = Path.Combine("/etc/netns", name);
        System.IO.Directory.CreateDirectory(etc);
        OnCleanup("/etc/netns/" + name, () => System.IO.Directory.Delete(etc, recursive: true));
    }

    private async Task AddPodAsync(V1Pod spec, int index, CancellationToken ct)
    {
        var pod = new MeshPod(spec, $"{NamePrefix}{RunId}-{spec.Metadata.Name}", Path.Combine(Directory, spec.Metadata.Name), Resolve);
        pods.Add(pod.Name, pod);
        await AddNetnsAsync(pod.Netns);
        // The veth is made inside the bridge namespace with its peer moved straight into the pod:
        // no interface ever exists in the host's namespace.
        var bridgeSide = "vp" + index.ToString(CultureInfo.InvariantCulture);
        await IpAsync(BridgeNetns, "link", "add", bridgeSide, "type", "veth", "peer", "name", "eth0", "netns", pod.Netns);
        await IpAsync(BridgeNetns, "link", "set", bridgeSide, "master", "br0");
        await IpAsync(BridgeNetns, "link", "set", bridgeSide, "up");
        await IpAsync(pod.Netns, "addr", "add", pod.Address + "/24", "dev", "eth0");
        await IpAsync(pod.Netns, "link", "set", "eth0", "up");
        await IpAsync(pod.Netns, "route", "add", ClusterIpNetwork, "via", BridgeAddress.ToString());
        await File.WriteAllTextAsync(
            Path.Combine("/etc/netns", pod.Netns, "resolv.conf"),
            $"nameserver {BridgeAddress}\nsearch {pod.Namespace}.svc.{ClusterDomain} svc.{ClusterDomain} {ClusterDomain}\noptions ndots:5 timeout:1 attempts:2\n",
            ct);

        System.IO.Directory.CreateDirectory(pod.BundleDirectory);
        System.IO.Directory.CreateDirectory(pod.IdentityDirectory);
        await ChmodAsync("0755", pod.Root, Path.Combine(pod.Root, "etc"), Path.Combine(pod.Root, "etc/junction"), pod.BundleDirectory, Path.Combine(pod.Root, "var"), Path.Combine(pod.Root, "var/run"));

        // The proxy (uid 1337) creates its sockets in var/run/junction and reads its identity.
        await BedCommand.CheckedAsync(["chown", "-R", $"{MeshSidecar.ProxyUid}:{MeshSidecar.ProxyUid}", Path.Combine(pod.Root, "var/run/junction")], ct);
        Log.Add($"pod {pod}");
    }

    /// <summary>ClusterIP → pod DNAT in the bridge namespace, as kube-proxy's iptables mode does, so un-meshed callers and pass-through reach Services.</summary>
    private async Task AddServiceRoutingAsync(CancellationToken ct)
    {
        string[] nat = ["ip", "netns", "exec", BridgeNetns, "iptables", "-w", "-t", "nat"];
        foreach (var service in Workloads.Services.Where(s => IPAddress.TryParse(s.Spec?.ClusterIP, out _)))
        {
            var selected = Workloads.Selected(service);
            foreach (var port in service.Spec.Ports ?? [])
            {
                for (var i = 0; i < selected.Count; i++)
                {
                    string[] share = i < selected.Count - 1
                        ? ["-m", "statistic", "--mode", "random", "--probability", (1.0 / (selected.Count - i)).ToString("0.00000", CultureInfo.InvariantCulture)]
                        : [];
                    await BedCommand.CheckedAsync(
                        [.. nat, "-A", "PREROUTING", "-d", service.Spec.ClusterIP + "/32", "-p", "tcp", "--dport", port.Port.ToString(CultureInfo.InvariantCulture), .. share,
                            "-j", "DNAT", "--to-destination", $"{BedWorkloads.Address(selected[i])}:{BedWorkloads.TargetPort(port, selected[i])}"],
                        ct);
                }
            }
        }

        // Hairpin: the pod answers the bridge, which undoes the DNAT, instead of answering the caller directly.
        await BedCommand.CheckedAsync([.. nat, "-A", "POSTROUTING", "-m", "conntrack", "--ctstate", "DNAT", "-j", "MASQUERADE"], ct);
    }

    private Dictionary<string, IReadOnlyList<IPAddress>> ServiceRecords()
    {
        var records = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in Workloads.Services)
        {
            var name = $"{service.Metadata.Name}.{BedWorkloads.NamespaceOf(service)}.svc.{ClusterDomain}";
            records[name] = IPAddress.TryParse(service.Spec?.ClusterIP, out var ip)
                ? [ip]
                : Workloads.Selected(service).Select(BedWorkloads.Address).ToList();
        }

        return records;
    }

    /// <summary>
    /// The headless twin of every (Service, policy) pair of a namespace answers the Service's pod
    /// addresses, as the twins the operator creates do: the sidecars find their endpoints there.
    /// </summary>
    private async Task RegisterHeadlessTwinsAsync(IReadOnlyList<string> policyFiles, CancellationToken ct)
    {
        var policies = policyFiles.SelectMany(ManifestReader.ReadPath).Select(d => d.Object).OfType<TrafficPolicy>().ToList();
        var records = new Dictionary<string, IReadOnlyList<IPAddress>>(StringComparer.OrdinalIgnoreCase);
        foreach (var policy in policies)
        {
            var ns = policy.Metadata.NamespaceProperty ?? "default";
            foreach (var service in Workloads.Services.Where(s => BedWorkloads.NamespaceOf(s) == ns))
            {
                var twin = $"{ChildNames.HeadlessService(service.Metadata.Name, policy.Metadata.Name)}.{ns}.svc.{ClusterDomain}";
                if (!Dns.Records.ContainsKey(twin))
                {
                    records[twin] = Workloads.Selected(service).Select(BedWorkloads.Address).ToList();
                }
            }
        }

        if (records.Count > 0)
        {
            await Dns.SetAsync(records, ct);
        }
    }

    private IPAddress? Resolve(string host, string ns)
    {
        var name = host.TrimEnd('.');
        foreach (var candidate in new[] { $"{name}.{ns}.svc.{ClusterDomain}", $"{name}.svc.{ClusterDomain}", $"{name}.{ClusterDomain}", name })
        {
            if (Dns.Records.TryGetValue(candidate, out var addresses) && addresses.Count > 0)
            {
                return addresses[0];
            }
        }

        return null;
    }

    private async Task StartAppsAsync(MeshPod pod, CancellationToken ct)
    {
        var version = BedWorkloads.Labels(pod.Spec).TryGetValue("version", out var v) ? v : pod.Name;
        foreach (var port in BedWorkloads.Ports(pod.Spec))
        {
            if (port.Name?.StartsWith("tcp", StringComparison.Ordinal) == true)
            {
                var server = TcpBannerServer.Start(pod.Netns, pod.Name, port.ContainerPort);
                pod.TcpServers[port.ContainerPort] = server;
                OnCleanup($"tcp server {pod.Name}:{port.ContainerPort}", async () => await server.DisposeAsync());
            }
            else
            {
                var app = await PodApp.StartAsync(pod.Netns, version, port.ContainerPort, ct);
                pod.Apps[port.ContainerPort] = app;
                OnCleanup($"app {pod.Name}:{port.ContainerPort}", async () => await app.DisposeAsync());
            }
        }
    }

    private async Task StartSidecarAsync(MeshPod pod, IReadOnlyList<string> policyFiles, CancellationToken ct)
    {
        pod.Identity = new WorkloadIdentity(ClusterDomain, pod.Namespace, pod.ServiceAccount);
        var issued = Authority.IssueWithNewKey(pod.Identity);
        var tls = Path.Combine(pod.IdentityDirectory, "tls.pem");
        var ca = Path.Combine(pod.IdentityDirectory, "ca.pem");
        await File.WriteAllTextAsync(tls, issued.HAProxyPem, ct);
        await File.WriteAllTextAsync(ca, Authority.RootCertificatePem, ct);
        await ChmodAsync("0600", tls);
        await ChmodAsync("0644", ca);
        await BedCommand.CheckedAsync(["chown", $"{MeshSidecar.ProxyUid}:{MeshSidecar.ProxyUid}", tls, ca], ct);
        // Judged once by another TLS stack: the chain and the purpose a TLS server and client need.
        await BedCommand.CheckedAsync(["openssl", "verify", "-CAfile", ca, "-purpose", "sslserver", tls], ct);
        await BedCommand.CheckedAsync(["openssl", "verify", "-CAfile", ca, "-purpose", "sslclient", tls], ct);

        // The init container's step: the project's capture rules, applied by the real iptables in the pod.
        var failure = await new IptablesRunner(["ip", "netns", "exec", pod.Netns, "iptables"]).ApplyAsync(new CaptureOptions(), ct);
        if (failure is not null)
        {
            throw new InvalidOperationException($"capture rules in {pod}: {failure}");
        }

        await RenderAsync(pod, policyFiles, pod.BundleDirectory, ct);
        pod.PolicyFiles = policyFiles;
        var sidecar = MeshSidecar.Start(pod.Netns, pod.Root);
        pod.Sidecar = sidecar;
        OnCleanup("sidecar " + pod.Name, sidecar.Dispose);
        await sidecar.WaitRunningAsync(ReadyLimit, ct);
        await WaitReadyAsync(pod, ct);
        Log.Add($"sidecar {pod.Name} (master pid {sidecar.MasterPid}) runs {string.Join(", ", policyFiles.Select(Path.GetFileName))}");
    }

    private async Task ApplyToPodAsync(MeshPod pod, IReadOnlyList<string> policyFiles, CancellationToken ct)
    {
        var sidecar = pod.RequireSidecar();
        var next = Path.Combine(pod.Root, "staging-" + Interlocked.Increment(ref staging).ToString(CultureInfo.InvariantCulture));
        System.IO.Directory.CreateDirectory(next);
        try
        {
            await RenderAsync(pod, policyFiles, next, ct);
            if (SameFiles(next, pod.BundleDirectory))
            {
                pod.PolicyFiles = policyFiles;
                return;
            }

            System.IO.Directory.Delete(pod.BundleDirectory, recursive: true);
            System.IO.Directory.Move(next, pod.BundleDirectory);
            await ChmodAsync("0755", pod.BundleDirectory);
        }
        finally
        {
            if (System.IO.Directory.Exists(next))
            {
                System.IO.Directory.Delete(next, recursive: true);
            }
        }

        await sidecar.ReloadAsync(ct);
        pod.PolicyFiles = policyFiles;
        await WaitReadyAsync(pod, ct);
        Log.Add($"sidecar {pod.Name} reloaded with {string.Join(", ", policyFiles.Select(Path.GetFileName))}");
    }

    private static bool SameFiles(string a, string b)
    {
        static Dictionary<string, byte[]> Read(string d) =>
            System.IO.Directory.GetFiles(d).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        var left = Read(a);
        var right = Read(b);
        return left.Count == right.Count && left.All(f => right.TryGetValue(f.Key, out var other) && other.AsSpan().SequenceEqual(f.Value));
    }

    private async Task RenderAsync(MeshPod pod, IReadOnlyList<string> policyFiles, string outputDirectory, CancellationToken ct)
    {
        List<string> args = ["render", "-f", Workloads.Path];
        foreach (var file in policyFiles)
        {
            args.AddRange(["-f", file]);
        }

        args.AddRange(["--sidecar", $"{pod.Namespace}/{pod.ServiceAccount}"]);
        var labels = BedWorkloads.Labels(pod.Spec);
        if (labels.Count > 0)
        {
            args.AddRange(["--pod-labels", string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))]);
        }

        args.AddRange(["--output-dir", outputDirectory, "--root", pod.Root, "--nameserver", Dns.Nameserver]);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit;
        try
        {
            exit = await CommandDispatcher.RunAsync(args, new CliConsole(TextReader.Null, output, error), ct);
        }
        catch (UsageException e)
        {
            throw new InvalidOperationException($"junction {string.Join(' ', args)}: {e.Message}", e);
        }

        if (exit != 0)
        {
            throw new InvalidOperationException($"junction {string.Join(' ', args)} exited {exit}:\n{error}\n{output}");
        }

        // Readable by the proxy's uid, whatever the test process's umask.
        await ChmodAsync("0755", outputDirectory);
        if (System.IO.Directory.GetFiles(outputDirectory) is { Length: > 0 } files)
        {
            await ChmodAsync("0644", files);
        }
    }

    /// <summary>Health port ready, then every backend of the running worker has an endpoint up (resolved through the bed's DNS).</summary>
    private async Task WaitReadyAsync(MeshPod pod, CancellationToken ct)
    {
        var sidecar = pod.RequireSidecar();
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < ReadyLimit)
        {
            if (sidecar.HasExited)
            {
                throw new InvalidOperationException($"the sidecar of {pod} exited: {sidecar.Describe()}");
            }

            try
            {
                using var ready = await pod.Http.GetAsync("http://127.0.0.1:" + global::Junction.HAProxy.SidecarConfigWriter.HealthPort + "/healthz/ready", ct);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    var servers = await sidecar.ServersAsync(ct);
                    var waiting = servers.GroupBy(s => s.Backend).Where(b => !b.Any(s => s.IsUp)).Select(b => b.Key).ToList();
                    if (waiting.Count == 0)
                    {
                        return;
                    }

                    last = "backends without an endpoint up: " + string.Join(", ", waiting);
                }
                else
                {
                    last = $"/healthz/ready answered {(int)ready.StatusCode}";
                }
            }
            catch (HttpRequestException e)
            {
                last = "/healthz/ready: " + e.Message;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException(
            $"the sidecar of {pod} was not ready within {ReadyLimit.TotalSeconds}s: {last}\nDNS records: {string.Join(", ", Dns.Records.Keys)}\n{sidecar.Describe()}");
    }
}
