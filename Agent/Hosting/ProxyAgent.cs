using System.Net;
using System.Security.Cryptography.X509Certificates;
using Junction.Agent.Api;
using Junction.Agent.Bundle;
using Junction.Agent.HAProxy;
using Junction.Agent.Health;
using Junction.Agent.Identity;

namespace Junction.Agent.Hosting;

/// <summary>
/// The agent: identity first, then the config long-poll, each new bundle applied the cheapest safe
/// way (runtime API for maps, else check + swap + reload), the hash read back from the worker and
/// reported; heartbeats; renewal at two thirds of the identity's lifetime. When the operator is
/// unreachable HAProxy keeps running on the last good bundle and every call retries with backoff.
/// One lock orders everything that changes HAProxy (applies and renewals).
/// </summary>
internal sealed partial class ProxyAgent : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly AgentOptions options;
    private readonly OperatorClient client;
    private readonly IdentityRequester identities;
    private readonly HAProxyControl control;
    private readonly BundleDirectory bundles;
    private readonly HostRewrite rewrite;
    private readonly Log log;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly SemaphoreSlim gate = new(1, 1);

    private HAProxyProcess? haproxy;
    private ConfigBundle? running;
    private string? workerHash;
    private volatile string? runningHash;
    private string? attempted;
    private string? error;
    private string? handled;
    private volatile bool changing;
    private IssuedIdentity? identity;

    /// <summary>An agent with these options, clock and randomness (for the backoff's jitter).</summary>
    public ProxyAgent(AgentOptions options, Log log, TimeProvider time, Random random)
    {
        this.options = options;
        this.log = log;
        this.time = time;
        this.random = random;
        client = new OperatorClient(options.Operator, options.OperatorCa, options.TokenFile, options.Proxy, options.Instance, options.Labels);
        identities = new IdentityRequester(client, time);
        control = new HAProxyControl(options.MasterSocket, options.AdminSocket, time);
        bundles = new BundleDirectory(options.BundleDirectory, options.HAProxy);
        rewrite = new HostRewrite(options.Root, options.BindAddress, options.Resolver);
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled (SIGTERM: exit code 0) or HAProxy dies (1).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var readiness = new ReadinessServer(IPAddress.Parse(options.HealthAddress), options.HealthPort, ReadyAsync);
        var serving = readiness.RunAsync(stop.Token);
        log.Info("Started agent", ("proxy", options.Proxy), ("instance", options.Instance), ("operator", options.Operator), ("healthPort", options.HealthPort));
        var exit = 0;
        try
        {
            await FirstIdentityAsync(stop.Token);
            await BootFromDiskAsync(stop.Token);
            var loops = new List<Task> { ConfigLoopAsync(stop.Token), RenewLoopAsync(stop.Token), HeartbeatLoopAsync(stop.Token), serving };
            var died = WatchHAProxyAsync(stop.Token);
            loops.Add(died);
            var first = await Task.WhenAny(loops);
            if (first == died && !ct.IsCancellationRequested)
            {
                exit = 1;
            }
            else if (first.IsFaulted)
            {
                log.Warn("Failed agent loop", ("error", first.Exception?.GetBaseException().Message));
                exit = 1;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync();
            if (haproxy is { } h)
            {
                log.Info("Stopping HAProxy", ("pid", h.Pid));
                await h.StopAsync(StopGrace);
                h.Dispose();
            }

            try
            {
                await serving;
            }
            catch (OperationCanceledException)
            {
            }
        }

        log.Info("Stopped agent", ("exitCode", exit));
        return exit;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        client.Dispose();
        gate.Dispose();
        haproxy?.Dispose();
    }

    private async Task<bool> ReadyAsync(CancellationToken ct)
    {
        if (runningHash is null || haproxy is not { HasExited: false })
        {
            return false;
        }

        // While a reload runs the master refuses connections for a moment; the old worker serves.
        return changing || await control.WorkerAsync(ct) is not null;
    }

    private async Task WatchHAProxyAsync(CancellationToken ct)
    {
        while (true)
        {
            if (haproxy is { } h)
            {
                await h.WaitForExitAsync(ct);
                if (ReferenceEquals(h, haproxy))
                {
                    log.Warn("HAProxy exited", ("pid", h.Pid));
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
        }
    }
}
