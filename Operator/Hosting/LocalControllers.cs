using Junction.ApiServer;
using k8s;
using k8s.Models;

namespace Junction.Hosting;

/// <summary>
/// Plays, for a local run, the controllers a real cluster has and the in-memory API server does
/// not: a Deployment's rollout completes a moment after its spec changes, and every Ingress gets
/// the address 127.0.0.1. This lets a newcomer see policies turn Ready.
/// </summary>
internal sealed class LocalControllers(InMemoryApiServer server, IKubernetes client, TimeProvider time)
{
    /// <summary>How long a rollout takes, so Ready=False (ProxyNotReady) is visible before it turns True.</summary>
    public static readonly TimeSpan RolloutDelay = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    /// <summary>Keeps completing rollouts and assigning addresses until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var pendingSince = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                // Where the server plays the Deployment controller and the kubelet, their pods decide.
                if (!server.SimulatesWorkloads)
                {
                    await CompleteRolloutsAsync(pendingSince, ct).ConfigureAwait(false);
                }

                await AssignAddressesAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task CompleteRolloutsAsync(Dictionary<string, DateTimeOffset> pendingSince, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var deployments = await client.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false);
        foreach (var d in deployments.Items.Where(IsRollingOut))
        {
            var key = $"{d.Metadata.NamespaceProperty}/{d.Metadata.Name}/{d.Metadata.Generation}";
            if (!pendingSince.TryAdd(key, now) && now - pendingSince[key] >= RolloutDelay)
            {
                server.Simulator.CompleteDeploymentRollout(d.Metadata.NamespaceProperty, d.Metadata.Name);
                pendingSince.Remove(key);
            }
        }
    }

    private async Task AssignAddressesAsync(CancellationToken ct)
    {
        var ingresses = await client.NetworkingV1.ListIngressForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false);
        foreach (var i in ingresses.Items.Where(i => i.Status?.LoadBalancer?.Ingress is null or { Count: 0 }))
        {
            server.Simulator.AssignIngressAddress(i.Metadata.NamespaceProperty, i.Metadata.Name, "127.0.0.1");
        }
    }

    private static bool IsRollingOut(V1Deployment d) =>
        d.Status?.ObservedGeneration != d.Metadata.Generation
        || d.Status?.UpdatedReplicas != (d.Spec?.Replicas ?? 1)
        || d.Status?.AvailableReplicas != (d.Spec?.Replicas ?? 1);
}
