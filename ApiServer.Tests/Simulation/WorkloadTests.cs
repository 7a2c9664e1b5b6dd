using System.Text.Json.Nodes;
using Xunit;
using k8s;
using k8s.Models;

namespace Junction.ApiServer.Tests.Simulation;

/// <summary>The simulated controllers, scheduler and kubelet: Deployments to ReplicaSets to running Pods, and Jobs to completion.</summary>
public sealed class WorkloadTests : ApiServerTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected override ApiServerOptions Options => new() { TimeProvider = Time, SimulateWorkloads = true, Random = new CountingRandom() };

    [Fact]
    public async Task Deployment_GetsReplicaSetAndRunningPods_AndTurnsAvailable()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");

        var d = await Until(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"), d => d.Status?.AvailableReplicas == 2);
        var rs = Assert.Single((await Client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items);
        var pods = (await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web")).Items;

        var hash = rs.Metadata.Labels["pod-template-hash"];
        Assert.Equal($"web-{hash}", rs.Metadata.Name);
        Assert.Equal("1", rs.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal(d.Metadata.Uid, Assert.Single(rs.Metadata.OwnerReferences).Uid);
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p =>
        {
            Assert.StartsWith($"web-{hash}-", p.Metadata.Name, StringComparison.Ordinal);
            Assert.Equal(rs.Metadata.Uid, Assert.Single(p.Metadata.OwnerReferences).Uid);
            Assert.Equal("Running", p.Status.Phase);
            Assert.StartsWith("10.244.0.", p.Status.PodIP, StringComparison.Ordinal);
            Assert.Equal("junction-local", p.Spec.NodeName);
            Assert.Equal(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"], p.Status.Conditions.Select(c => c.Type));
            Assert.All(p.Status.Conditions, c => Assert.Equal("True", c.Status));
            var container = Assert.Single(p.Status.ContainerStatuses);
            Assert.True(container.Ready);
            Assert.Equal(0, container.RestartCount);
            Assert.Equal("docker.io/library/nginx:1.25", container.Image);
            Assert.StartsWith("docker.io/library/nginx@sha256:", container.ImageID, StringComparison.Ordinal);
            Assert.NotNull(container.State.Running.StartedAt);
        });
        Assert.NotEqual(pods[0].Status.PodIP, pods[1].Status.PodIP);
        Assert.Equal(2, d.Status.ReadyReplicas);
        Assert.Equal(2, d.Status.UpdatedReplicas);
        Assert.Equal("MinimumReplicasAvailable", d.Status.Conditions.Single(c => c.Type == "Available").Reason);
        Assert.Equal($"ReplicaSet \"web-{hash}\" has successfully progressed.", d.Status.Conditions.Single(c => c.Type == "Progressing").Message);
    }

    [Fact]
    public async Task TemplateChange_RollsToNewReplicaSet_OldOneScaledToZero()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");
        await Until(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"), d => d.Status?.AvailableReplicas == 2);

        var d = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        d.Spec.Template.Spec.Containers[0].Image = "nginx:1.27";
        await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", "default");
        await Until(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"), d => d.Status?.ObservedGeneration == 2 && d.Status.UpdatedReplicas == 2 && d.Status.Replicas == 2 && d.Status.AvailableReplicas == 2);

        var sets = (await Client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items.OrderBy(r => r.Metadata.Annotations["deployment.kubernetes.io/revision"]).ToList();
        var pods = (await Client.CoreV1.ListNamespacedPodAsync("default")).Items;
        Assert.Equal(2, sets.Count);
        Assert.Equal(0, sets[0].Spec.Replicas);
        Assert.Equal(2, sets[1].Spec.Replicas);
        Assert.Equal("2", sets[1].Metadata.Annotations["deployment.kubernetes.io/revision"]);
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal("nginx:1.27", p.Spec.Containers[0].Image));
    }

    [Fact]
    public async Task ScaleDown_DeletesSurplusPods()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 3), "default");
        await Until(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"), d => d.Status?.AvailableReplicas == 3);

        await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await Until(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"), d => d.Status?.Replicas == 1 && d.Status.AvailableReplicas == 1);

        Assert.Single((await Client.CoreV1.ListNamespacedPodAsync("default")).Items);
    }

    [Fact]
    public async Task DeleteDeployment_CascadesToReplicaSetsAndPods()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");
        await Until(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"), d => d.Status?.AvailableReplicas == 2);

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default");

        await Until(() => Client.CoreV1.ListNamespacedPodAsync("default"), l => l.Items.Count == 0);
        Assert.Empty((await Client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items);
    }

    [Fact]
    public async Task Job_RunsItsPodsToCompletion()
    {
        await Client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "migrate" },
            Spec = new V1JobSpec
            {
                Completions = 2,
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "m", Image = "busybox" }] } },
            },
        }, "default");

        var job = await Until(() => Client.BatchV1.ReadNamespacedJobAsync("migrate", "default"), j => j.Status?.Succeeded == 2);
        var pods = (await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "batch.kubernetes.io/job-name=migrate")).Items;

        Assert.Equal("True", job.Status.Conditions.Single(c => c.Type == "Complete").Status);
        Assert.NotNull(job.Status.CompletionTime);
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal("Succeeded", p.Status.Phase));
        Assert.All(pods, p => Assert.Equal(0, p.Status.ContainerStatuses[0].State.Terminated.ExitCode));
    }

    [Fact]
    public async Task ReplicaSetPods_GoThroughAdmission_WebhookMutationVisible()
    {
        await using var hook = await TestWebhookServer.Start((_, _) => TestWebhookServer.Patch(new JsonObject { ["op"] = "add", ["path"] = "/metadata/labels/injected", ["value"] = "true" }));
        using var response = await Send(HttpMethod.Post, "apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations", $$"""
            {"metadata":{"name":"inject"},"webhooks":[{"name":"inject.test.dev","sideEffects":"None","admissionReviewVersions":["v1"],
              "clientConfig":{"url":"{{hook.Url("/mutate")}}","caBundle":"{{hook.CaBundle}}"},
              "rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"]}]}]}
            """);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);

        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), "default");
        await Until(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"), d => d.Status?.AvailableReplicas == 2);

        var pods = (await Client.CoreV1.ListNamespacedPodAsync("default")).Items;
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal("true", p.Metadata.Labels["injected"]));
    }

    [Fact]
    public async Task DeniedPods_ReplicaSetReportsReplicaFailure()
    {
        await using var hook = await TestWebhookServer.Start((_, _) => TestWebhookServer.Deny(403, "no sidecar"));
        await Send(HttpMethod.Post, "apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", $$"""
            {"metadata":{"name":"deny"},"webhooks":[{"name":"deny.test.dev","sideEffects":"None","admissionReviewVersions":["v1"],
              "clientConfig":{"url":"{{hook.Url("/validate")}}","caBundle":"{{hook.CaBundle}}"},
              "rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"]}]}]}
            """);

        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 1), "default");

        var rs = await Until(() => Client.AppsV1.ListNamespacedReplicaSetAsync("default"), l => l.Items.Count == 1 && l.Items[0].Status?.Conditions is { Count: > 0 });
        var failure = rs.Items[0].Status.Conditions.Single(c => c.Type == "ReplicaFailure");
        Assert.Equal("FailedCreate", failure.Reason);
        Assert.Equal("admission webhook \"deny.test.dev\" denied the request: no sidecar", failure.Message);
        Assert.Empty((await Client.CoreV1.ListNamespacedPodAsync("default")).Items);
    }

    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > Wait)
            {
                Assert.Fail($"Timed out; last seen: {KubernetesJson.Serialize(value)}");
            }

            await Task.Delay(20);
        }
    }
}
