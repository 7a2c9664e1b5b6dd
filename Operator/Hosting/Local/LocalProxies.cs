using System.Globalization;
using System.Net;
using Junction.Objects;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Junction.Hosting.Local;

/// <summary>
/// <c>run --local --proxies</c>: plays the kubelet for gateway Deployments. For each replica a
/// gateway Deployment asks for, it starts a real junction-agent (which starts HAProxy) with its own
/// loopback address, root directory and ServiceAccount token (TokenRequest, audience
/// <c>junction</c>, renewed before it expires), exactly as the agent runs in a pod; it stops the
/// instances a Deployment no longer asks for, and restarts one whose agent exited. Each replica
/// gets its own address from 127.0.1.0/24 (kept for the run), as each pod has its own IP, so that
/// all of them listen on the ports their pods would.
/// </summary>
internal sealed class LocalProxies(IKubernetes client, LocalProxyOptions options, LocalDnsFeed dns, TimeProvider time, ILogger logger, Action<string> announce) : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, LocalProxyInstance> running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> tokenRenewals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> restartAfter = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPAddress> addresses = new(StringComparer.Ordinal);

    /// <summary>Keeps the instances matching the gateway Deployments until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            do
            {
                try
                {
                    await SyncAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
                {
                    LocalProxiesLog.SyncFailed(logger, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops every instance.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(running.Values.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
        running.Clear();
    }

    private async Task SyncAsync(CancellationToken ct)
    {
        // The DNS follows the Service events; republished here too, as a resync would.
        dns.Publish();
        var deployments = await client.AppsV1.ListDeploymentForAllNamespacesAsync(
            labelSelector: $"{ChildObjects.ManagedByLabel}={ChildObjects.ManagedByValue},{ChildObjects.ComponentLabel}=gateway",
            cancellationToken: ct).ConfigureAwait(false);
        var wanted = new Dictionary<string, (V1Deployment Deployment, int Ordinal)>(StringComparer.Ordinal);
        foreach (var d in deployments.Items.Where(d => d.Metadata.DeletionTimestamp is null))
        {
            for (var i = 0; i < (d.Spec?.Replicas ?? 1); i++)
            {
                wanted[InstanceName(d, i)] = (d, i);
            }
        }

        foreach (var gone in running.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
        {
            var instance = running[gone];
            running.Remove(gone);
            tokenRenewals.Remove(gone);
            await instance.DisposeAsync().ConfigureAwait(false);
            LocalProxiesLog.Stopped(logger, instance.Proxy, instance.Instance);
        }

        var now = time.GetUtcNow();
        foreach (var (name, (deployment, ordinal)) in wanted)
        {
            if (running.TryGetValue(name, out var instance) && instance.HasExited)
            {
                LocalProxiesLog.Exited(logger, instance.Proxy, instance.Instance, instance.RecentOutput());
                running.Remove(name);
                restartAfter[name] = now + RestartDelay;
                await instance.DisposeAsync().ConfigureAwait(false);
            }

            if (!running.ContainsKey(name) && (!restartAfter.TryGetValue(name, out var after) || now >= after))
            {
                try
                {
                    await StartAsync(name, deployment, ordinal, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpOperationException or IOException or System.ComponentModel.Win32Exception)
                {
                    // A missing ServiceAccount or agent binary: say so, and try again later rather than every tick.
                    LocalProxiesLog.StartFailed(logger, name, e.Message);
                    restartAfter[name] = now + RestartDelay;
                }
            }
            else if (running.TryGetValue(name, out var live) && tokenRenewals.TryGetValue(name, out var renewal) && now >= renewal)
            {
                await WriteTokenAsync(name, deployment, live.Root, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task StartAsync(string name, V1Deployment deployment, int ordinal, CancellationToken ct)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var root = Path.Combine(options.RootDirectory, ns, name);
        Directory.CreateDirectory(root);
        await WriteTokenAsync(name, deployment, root, ct).ConfigureAwait(false);
        var address = Address(ns + "/" + name);
        var proxy = $"gateway/{ns}/{deployment.Metadata.Name}";
        running[name] = LocalProxyInstance.Start(options, proxy, name, address, root);
        restartAfter.Remove(name);
        LocalProxiesLog.Started(logger, proxy, name, address.ToString());
        var ports = deployment.Spec?.Template?.Spec?.Containers?
            .SelectMany(c => c.Ports ?? [])
            .Where(p => p.ContainerPort is not (15020 or 15021))
            .Select(p => $"{address}:{p.ContainerPort.ToString(CultureInfo.InvariantCulture)}")
            .ToList() ?? [];
        announce($"{proxy} replica {ordinal.ToString(CultureInfo.InvariantCulture)} ({name}) listens on {string.Join(", ", ports)}; agent health http://{address}:15021/healthz/ready");
    }

    // The pod's projected token, as the kubelet writes it: bound to the ServiceAccount the pod runs as.
    private async Task WriteTokenAsync(string name, V1Deployment deployment, string root, CancellationToken ct)
    {
        var account = deployment.Spec?.Template?.Spec?.ServiceAccountName is { Length: > 0 } sa ? sa : "default";
        await WriteTokenAsync(client, deployment.Metadata.NamespaceProperty, account, LocalProxyInstance.TokenPath(root), ct).ConfigureAwait(false);
        tokenRenewals[name] = time.GetUtcNow() + (LocalProxyOptions.TokenLifetime * 4 / 5);
    }

    /// <summary>
    /// Writes a token of ServiceAccount <paramref name="account"/> (TokenRequest, audience
    /// <c>junction</c>) to <paramref name="path"/>, replaced in one step so that an agent never reads half a token.
    /// </summary>
    public static async Task WriteTokenAsync(IKubernetes client, string ns, string account, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec
            {
                Audiences = [LocalProxyOptions.TokenAudience],
                ExpirationSeconds = (long)LocalProxyOptions.TokenLifetime.TotalSeconds,
            },
        };
        var issued = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, account, ns, cancellationToken: ct).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, issued.Status.Token, ct).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    // One address per replica, kept for the run: 127.0.1.1, 127.0.1.2, ...
    private IPAddress Address(string instance)
    {
        if (!addresses.TryGetValue(instance, out var address))
        {
            var bytes = options.FirstAddress.GetAddressBytes();
            if (bytes[3] + addresses.Count > 254)
            {
                throw new IOException($"a local run gives at most {255 - bytes[3]} gateways their own address");
            }

            bytes[3] = (byte)(bytes[3] + addresses.Count);
            address = new IPAddress(bytes);
            addresses[instance] = address;
        }

        return address;
    }

    private static string InstanceName(V1Deployment d, int ordinal) =>
        $"{d.Metadata.Name}-local-{ordinal.ToString(CultureInfo.InvariantCulture)}";
}
