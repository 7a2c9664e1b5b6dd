using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Junction.Api.V1Alpha1;
using k8s;
using Xunit;

namespace Junction.Tests.Reconciliation;

/// <summary>Objects the operator's client could not decode are offered to the API server; reconciling goes on.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData("service-port")]
    [InlineData("policy-cpu")]
    public async Task UndecodableObjectOffered_ANewPolicyStillBecomesProgrammedWithinTenSeconds(string offered)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var cluster = await LocalCluster.StartAsync(cancel.Token);
        await using var op = await cluster.StartOperatorAsync(cancel.Token);
        var f = cluster.Fixture;
        await f.EnsureNamespaceAsync("shop", cancel.Token);
        using var http = new HttpClient { BaseAddress = cluster.Server.BaseAddress };

        using var response = offered == "service-port"
            ? await Post(http, "api/v1/namespaces/shop/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"bad"},"spec":{"ports":[{"port":1e309}]}}""")
            : await Post(http, $"apis/{TrafficPolicy.Group}/{TrafficPolicy.Version}/namespaces/shop/{TrafficPolicy.Plural}", BadCpuPolicy());
        var status = await response.Content.ReadAsStringAsync(cancel.Token);

        // Rejected as kube-apiserver rejects it: 400 for a port Go cannot decode, 422 for the CRD's quantity pattern.
        Assert.Equal(offered == "service-port" ? HttpStatusCode.BadRequest : HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(offered == "service-port" ? "cannot unmarshal number 1e309" : "spec.proxy.resources.limits.cpu", status, StringComparison.Ordinal);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        await f.CreatePolicyWithBackendAsync("shop", "after", deadline.Token);
        var programmed = await f.WaitForConditionAsync("shop", "after", "Programmed", "True", deadline.Token);
        Assert.Equal("True", programmed.Status!.Conditions!.Single(c => c.Type == "Programmed").Status);
        Assert.All(op.Host.Informers.All, i => Assert.True(i.HasSynced, $"{i.Kind} is not in sync"));
    }

    private static string BadCpuPolicy()
    {
        var policy = JsonNode.Parse(KubernetesJson.Serialize(ClusterFixture.Policy("shop", "bad")))!;
        policy["apiVersion"] = TrafficPolicy.ApiVersionString;
        policy["kind"] = TrafficPolicy.KindName;
        policy["spec"]!["proxy"]!["resources"] = JsonNode.Parse("""{"limits":{"cpu":"abc"}}""");
        return policy.ToJsonString();
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
