using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.ApiServer.Tests.Support;

/// <summary>A server with a ServiceAccount "proxy" (and helpers to request and review its tokens).</summary>
public abstract class TokenTest : ApiServerTest
{
    protected const string Issuer = "https://kubernetes.default.svc.cluster.local";

    protected async Task<V1ServiceAccount> CreateServiceAccount(string name = "proxy", string ns = "default") =>
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, ns);

    protected async Task<V1Pod> CreatePod(string name, string serviceAccount = "proxy") =>
        await Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1PodSpec { ServiceAccountName = serviceAccount, Containers = [new V1Container { Name = "proxy", Image = "haproxy:2.6" }] },
            },
            "default");

    protected async Task<string> RequestToken(IList<string>? audiences = null, string? pod = null, string serviceAccount = "proxy")
    {
        var request = new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec
            {
                Audiences = audiences ?? [],
                BoundObjectRef = pod is null ? null : new V1BoundObjectReference { Kind = "Pod", ApiVersion = "v1", Name = pod },
            },
        };
        var answered = await Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, serviceAccount, "default");
        return answered.Status.Token;
    }

    protected async Task<V1TokenReviewStatus> Review(string token, params string[] audiences)
    {
        var review = new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token, Audiences = audiences.Length == 0 ? null : audiences } };
        return (await Client.AuthenticationV1.CreateTokenReviewAsync(review)).Status;
    }

    /// <summary>POSTs a JSON body and returns the status code and the parsed answer.</summary>
    protected async Task<(HttpStatusCode Code, JsonObject Body)> Post(string path, string json)
    {
        using var response = await Send(HttpMethod.Post, path, json);
        return (response.StatusCode, await Json(response));
    }

    protected static JsonObject Part(string token, int index)
    {
        var text = token.Split('.')[index].Replace('-', '+').Replace('_', '/');
        text += new string('=', (4 - (text.Length % 4)) % 4);
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)))!.AsObject();
    }

    protected static long Number(JsonNode? node) => node!.GetValue<long>();

    protected static void AssertRefused(V1TokenReviewStatus status, string error)
    {
        Assert.NotEqual(true, status.Authenticated);
        Assert.Equal(error, status.Error);
    }
}
