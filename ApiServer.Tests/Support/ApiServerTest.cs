using Xunit;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Junction.ApiServer.Tests.Support;

/// <summary>One fresh server per test, with a KubernetesClient and a raw HttpClient pointed at it.</summary>
public abstract class ApiServerTest : IAsyncLifetime
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected InMemoryApiServer Server { get; private set; } = null!;

    protected Kubernetes Client { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected virtual ApiServerOptions Options => new() { TimeProvider = Time };

    public async Task InitializeAsync()
    {
        Server = await InMemoryApiServer.StartAsync(Options);
        Client = new Kubernetes(new KubernetesClientConfiguration { Host = Server.BaseAddress.ToString() });
        Http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
    }

    protected static V1ConfigMap ConfigMap(string name, IDictionary<string, string>? labels = null, string ns = "default") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
        Data = new Dictionary<string, string> { ["k"] = "v" },
    };

    protected static V1Deployment Deployment(string name, int replicas = 1, string image = "nginx:1.25") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image, Ports = [new V1ContainerPort { ContainerPort = 80 }] }] },
            },
        },
    };

    /// <summary>Runs a request that must fail and returns its status code and Status body.</summary>
    protected static async Task<(HttpStatusCode Code, JsonObject Status)> Failure(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        return (e.Response.StatusCode, JsonNode.Parse(e.Response.Content)!.AsObject());
    }

    protected async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await Http.SendAsync(request);
    }

    protected static async Task<JsonObject> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    protected async Task CreateWidgetCrd()
    {
        using var response = await Send(HttpMethod.Post, "apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestManifests.WidgetCrdJson());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    protected async Task<JsonObject> CreateWidget(string name, int size, string ns = "default", string? query = null)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "test.junction.dev/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["size"] = size },
        };
        using var response = await Send(HttpMethod.Post, $"apis/test.junction.dev/v1/namespaces/{ns}/widgets{query}", body.ToJsonString());
        var json = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json;
    }
}
