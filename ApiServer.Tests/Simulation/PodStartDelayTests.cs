using Xunit;
using k8s;

namespace Junction.ApiServer.Tests.Simulation;

/// <summary>With a start delay, pods stay Pending (ContainerCreating) until the injected clock passes it.</summary>
public sealed class PodStartDelayTests : ApiServerTest
{
    protected override ApiServerOptions Options => new() { TimeProvider = Time, SimulateWorkloads = true, PodStartDelay = TimeSpan.FromSeconds(2), Random = new CountingRandom() };

    [Fact]
    public async Task Pod_PendingUntilDelayPassed_ThenRunning()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 1), "default");
        await Eventually.True(() => Pods().Result is [{ Status.Phase: "Pending" }], "the pod is scheduled and pending", TimeSpan.FromSeconds(15));

        var pending = (await Pods()).Single();
        Time.Advance(TimeSpan.FromSeconds(3));
        await Eventually.True(() => Pods().Result is [{ Status.Phase: "Running" }], "the pod runs", TimeSpan.FromSeconds(15));

        Assert.Equal("ContainerCreating", pending.Status.ContainerStatuses[0].State.Waiting.Reason);
        Assert.False(pending.Status.ContainerStatuses[0].Ready);
        Assert.Equal("junction-local", pending.Spec.NodeName);
    }

    private async Task<IList<k8s.Models.V1Pod>> Pods() => (await Client.CoreV1.ListNamespacedPodAsync("default")).Items;
}
