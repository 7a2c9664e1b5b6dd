using Xunit;
using k8s;
using k8s.Models;

namespace Junction.ApiServer.Tests.Simulation;

public sealed class SimulatorTests : ApiServerTest
{
    [Fact]
    public async Task CompleteDeploymentRollout_SetsReplicasAndTrueConditions()
    {
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 3), "default");
        d.Spec.Replicas = 4;
        await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", "default");

        Server.Simulator.CompleteDeploymentRollout("default", "web");
        var done = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        Assert.Equal(2, done.Status.ObservedGeneration);
        Assert.Equal(4, done.Status.ReadyReplicas);
        Assert.Equal(4, done.Status.UpdatedReplicas);
        Assert.Equal(4, done.Status.AvailableReplicas);
        Assert.Equal("True", done.Status.Conditions.Single(c => c.Type == "Available").Status);
        Assert.Equal("NewReplicaSetAvailable", done.Status.Conditions.Single(c => c.Type == "Progressing").Reason);
    }

    [Fact]
    public async Task FailDeploymentRollout_SetsProgressDeadlineExceeded()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");

        Server.Simulator.FailDeploymentRollout("default", "web");
        var failed = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        var progressing = failed.Status.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal("False", progressing.Status);
        Assert.Equal("ProgressDeadlineExceeded", progressing.Reason);
        Assert.Equal(2, failed.Status.UnavailableReplicas);
    }

    [Fact]
    public async Task AssignIngressAddress_PublishesLoadBalancerIp()
    {
        await Client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "edge" },
            Spec = new V1IngressSpec { IngressClassName = "haproxy", Rules = [new V1IngressRule { Host = "example.test" }] },
        }, "default");

        Server.Simulator.AssignIngressAddress("default", "edge", "127.0.0.10");
        var ingress = await Client.NetworkingV1.ReadNamespacedIngressAsync("edge", "default");

        Assert.Equal("127.0.0.10", ingress.Status.LoadBalancer.Ingress[0].Ip);
        Assert.Equal(1, ingress.Metadata.Generation);
    }
}
