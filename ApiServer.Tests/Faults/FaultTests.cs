using Xunit;
using System.Net;
using k8s;

namespace Junction.ApiServer.Tests.Faults;

public sealed class FaultTests : ApiServerTest
{
    [Fact]
    public async Task FailNext_500_FailsExactlyTheMatchingRequests()
    {
        Server.Faults.FailNext(2, HttpStatusCode.InternalServerError, "create", "configmaps");

        var first = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default"));
        await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        var second = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default"));
        var third = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        Assert.Equal(HttpStatusCode.InternalServerError, first.Code);
        Assert.Equal("InternalError", first.Status["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.InternalServerError, second.Code);
        Assert.Equal("a", third.Metadata.Name);
    }

    [Fact]
    public async Task FailNext_429_CarriesRetryAfter()
    {
        Server.Faults.FailNext(1, HttpStatusCode.TooManyRequests, "get", "configmaps", TimeSpan.FromSeconds(3));

        using var response = await Send(HttpMethod.Get, "api/v1/namespaces/default/configmaps/a");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        Assert.Equal("TooManyRequests", (await Json(response))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailNext_409_IsAConflict()
    {
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        Server.Faults.FailNext(1, HttpStatusCode.Conflict, "update", "configmaps");

        var (code, status) = await Failure(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", "default"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Latency_DelaysResponses()
    {
        Server.Faults.Latency = TimeSpan.FromMilliseconds(300);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Client.CoreV1.ListNamespacedConfigMapAsync("default");

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Requests_CountsByVerbAndResource()
    {
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        await Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default");
        Server.Simulator.CompleteDeploymentRollout("default", "web");
        await Client.AppsV1.ReadNamespacedDeploymentStatusAsync("web", "default");

        Assert.Equal(1, Server.Requests.Count("create", "configmaps"));
        Assert.Equal(1, Server.Requests.Count("get", "configmaps"));
        Assert.Equal(1, Server.Requests.Count("list", "configmaps"));
        Assert.Equal(1, Server.Requests.Count("get", "deployments/status"));
        Assert.Equal(2, Server.Requests.Writes);
        Server.Requests.Reset();
        await Client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        Assert.Equal(0, Server.Requests.Writes);
        Assert.Equal("a", cm.Metadata.Name);
    }
}
