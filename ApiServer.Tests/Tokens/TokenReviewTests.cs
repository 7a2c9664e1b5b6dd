using System.Net;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Tokens;

/// <summary>POST /apis/authentication.k8s.io/v1/tokenreviews answered, and refused, as kube-apiserver answers it.</summary>
public sealed class TokenReviewTests : TokenTest
{
    [Fact]
    public async Task Review_FreshToken_AuthenticatesTheServiceAccount()
    {
        var account = await CreateServiceAccount();
        var token = await RequestToken(["junction"]);

        var status = await Review(token, "junction");

        Assert.True(status.Authenticated);
        Assert.Null(status.Error);
        Assert.Equal("system:serviceaccount:default:proxy", status.User.Username);
        Assert.Equal(account.Metadata.Uid, status.User.Uid);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"], status.User.Groups);
        Assert.Equal(["junction"], status.Audiences);
        var credential = Assert.Single(status.User.Extra);
        Assert.Equal("authentication.kubernetes.io/credential-id", credential.Key);
        Assert.Equal("JTI=" + Part(token, 1)["jti"]!.GetValue<string>(), Assert.Single(credential.Value));
    }

    [Fact]
    public async Task Review_PodBoundToken_NamesThePodInExtra()
    {
        await CreateServiceAccount();
        var pod = await CreatePod("gateway-0");
        var token = await RequestToken(["junction"], pod: "gateway-0");

        var status = await Review(token, "junction");

        Assert.True(status.Authenticated);
        Assert.Equal(["gateway-0"], status.User.Extra["authentication.kubernetes.io/pod-name"]);
        Assert.Equal([pod.Metadata.Uid], status.User.Extra["authentication.kubernetes.io/pod-uid"]);
    }

    [Fact]
    public async Task Review_NoAudiences_ChecksTheApiServerAudience()
    {
        await CreateServiceAccount();
        var apiToken = await RequestToken();
        var junctionToken = await RequestToken(["junction"]);

        var api = await Review(apiToken);
        var junction = await Review(junctionToken);

        Assert.True(api.Authenticated);
        Assert.Equal([Issuer], api.Audiences);
        AssertRefused(junction, $$"""[invalid bearer token, token audiences ["junction"] is invalid for the target audiences ["{{Issuer}}"]]""");
    }

    [Fact]
    public async Task Review_WrongAudience_Unauthenticated()
    {
        await CreateServiceAccount();
        var token = await RequestToken(["junction", "mesh"]);

        var status = await Review(token, "other", "another");

        AssertRefused(status, """[invalid bearer token, token audiences ["junction" "mesh"] is invalid for the target audiences ["other" "another"]]""");
        Assert.Null(status.User.Username);
    }

    [Fact]
    public async Task Review_PastExpiryBeyondTheMinuteOfLeeway_Unauthenticated()
    {
        await CreateServiceAccount();
        var token = await RequestToken(["junction"]);

        Time.Advance(TimeSpan.FromSeconds(3600 + 60));
        var withinLeeway = await Review(token, "junction");
        Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await Review(token, "junction");

        Assert.True(withinLeeway.Authenticated);
        AssertRefused(expired, "[invalid bearer token, service account token has expired]");
    }

    [Fact]
    public async Task Review_ServiceAccountDeleted_Unauthenticated()
    {
        await CreateServiceAccount();
        var token = await RequestToken(["junction"]);

        await Client.CoreV1.DeleteNamespacedServiceAccountAsync("proxy", "default");
        var status = await Review(token, "junction");

        AssertRefused(status, "[invalid bearer token, serviceaccounts \"proxy\" not found]");
    }

    [Fact]
    public async Task Review_ServiceAccountRecreated_UidNoLongerMatches()
    {
        var first = await CreateServiceAccount();
        var token = await RequestToken(["junction"]);

        await Client.CoreV1.DeleteNamespacedServiceAccountAsync("proxy", "default");
        var second = await CreateServiceAccount();
        var status = await Review(token, "junction");

        AssertRefused(status, $"[invalid bearer token, service account UID ({second.Metadata.Uid}) does not match claim ({first.Metadata.Uid})]");
    }

    [Fact]
    public async Task Review_BoundPodDeleted_Unauthenticated()
    {
        await CreateServiceAccount();
        await CreatePod("gateway-0");
        var token = await RequestToken(["junction"], pod: "gateway-0");

        await Client.CoreV1.DeleteNamespacedPodAsync("gateway-0", "default");
        var status = await Review(token, "junction");

        AssertRefused(status, "[invalid bearer token, service account token has been invalidated]");
    }

    [Fact]
    public async Task Review_BoundSecretDeleted_Unauthenticated()
    {
        await CreateServiceAccount();
        await Client.CoreV1.CreateNamespacedSecretAsync(new k8s.Models.V1Secret { Metadata = new k8s.Models.V1ObjectMeta { Name = "binding" } }, "default");
        var (_, body) = await Post("api/v1/namespaces/default/serviceaccounts/proxy/token", """{"spec":{"audiences":["junction"],"boundObjectRef":{"kind":"Secret","apiVersion":"v1","name":"binding"}}}""");
        var token = body["status"]!["token"]!.GetValue<string>();

        var before = await Review(token, "junction");
        await Client.CoreV1.DeleteNamespacedSecretAsync("binding", "default");
        var after = await Review(token, "junction");

        Assert.True(before.Authenticated);
        Assert.Equal("binding", Part(token, 1)["kubernetes.io"]!["secret"]!["name"]!.GetValue<string>());
        AssertRefused(after, "[invalid bearer token, service account token has been invalidated]");
    }

    [Fact]
    public async Task Review_InjectedFault_AnswersTheFaultThenReviews()
    {
        await CreateServiceAccount();
        var token = await RequestToken(["junction"]);
        Server.Faults.FailNext(1, HttpStatusCode.InternalServerError, "create", "tokenreviews");

        var (code, _) = await Failure(() => Review(token, "junction"));
        var status = await Review(token, "junction");

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.True(status.Authenticated);
    }

    [Fact]
    public async Task Review_TamperedSignature_Unauthenticated()
    {
        await CreateServiceAccount();
        var token = await RequestToken(["junction"]);
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        var status = await Review(token[..(token.LastIndexOf('.') + 1)] + flipped, "junction");

        AssertRefused(status, "[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]");
    }

    [Fact]
    public async Task Review_TamperedClaims_Unauthenticated()
    {
        await CreateServiceAccount();
        var token = await RequestToken(["junction"]);
        var parts = token.Split('.');
        var claims = Part(token, 1);
        claims["sub"] = "system:serviceaccount:kube-system:admin";
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(claims.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var status = await Review($"{parts[0]}.{forged}.{parts[2]}", "junction");

        AssertRefused(status, "[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]");
    }

    [Fact]
    public async Task Review_TokenOfAnotherServer_NoKeyFound()
    {
        await using var other = await InMemoryApiServer.StartAsync(new ApiServerOptions { TimeProvider = Time });
        using var otherClient = new Kubernetes(new KubernetesClientConfiguration { Host = other.BaseAddress.ToString() });
        await otherClient.CoreV1.CreateNamespacedServiceAccountAsync(new k8s.Models.V1ServiceAccount { Metadata = new k8s.Models.V1ObjectMeta { Name = "proxy" } }, "default");
        var foreign = await otherClient.CoreV1.CreateNamespacedServiceAccountTokenAsync(new k8s.Models.Authenticationv1TokenRequest { Spec = new k8s.Models.V1TokenRequestSpec() }, "proxy", "default");
        await CreateServiceAccount();

        var status = await Review(foreign.Status.Token);

        AssertRefused(status, "[invalid bearer token, invalid signature, no keys found]");
    }

    [Fact]
    public async Task Review_NotAJwt_InvalidBearerToken()
    {
        var status = await Review("abcdef.0123456789abcdef");

        AssertRefused(status, "invalid bearer token");
    }

    [Fact]
    public async Task Review_EmptyToken_Returns400()
    {
        var (code, body) = await Post("apis/authentication.k8s.io/v1/tokenreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("token is required for TokenReview in authentication", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Review_IsNotStored_ListAnswers405()
    {
        await CreateServiceAccount();
        var token = await RequestToken();
        var (code, body) = await Post("apis/authentication.k8s.io/v1/tokenreviews", $$$"""{"spec":{"token":"{{{token}}}"}}""");
        using var list = await Send(HttpMethod.Get, "apis/authentication.k8s.io/v1/tokenreviews");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("""{"creationTimestamp":null}""", body["metadata"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, list.StatusCode);
        Assert.Contains(Server.Requests.All, r => r is { Verb: "create", Resource: "tokenreviews", StatusCode: 201 });
    }
}
