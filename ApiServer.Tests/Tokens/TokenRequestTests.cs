using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Xunit;

namespace Junction.ApiServer.Tests.Tokens;

/// <summary>POST .../serviceaccounts/{name}/token answered as kube-apiserver answers it.</summary>
public sealed class TokenRequestTests : TokenTest
{
    protected override ApiServerOptions Options => new() { TimeProvider = Time, Random = new CountingRandom() };

    [Fact]
    public async Task TokenRequest_Defaults_SignsAnHourLongJwtWithKubeApiserverClaims()
    {
        var account = await CreateServiceAccount();

        var answered = await Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "proxy", "default");

        var header = Part(answered.Status.Token, 0);
        var claims = Part(answered.Status.Token, 1);
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal("ES256", header["alg"]!.GetValue<string>());
        Assert.Equal(43, header["kid"]!.GetValue<string>().Length);
        Assert.Equal(Issuer, claims["iss"]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:default:proxy", claims["sub"]!.GetValue<string>());
        Assert.Equal(Issuer, Assert.Single(claims["aud"]!.AsArray())!.GetValue<string>());
        Assert.Equal(now, Number(claims["iat"]));
        Assert.Equal(now, Number(claims["nbf"]));
        Assert.Equal(now + 3600, Number(claims["exp"]));
        Assert.Equal("00010203-0405-4607-8809-0a0b0c0d0e0f", claims["jti"]!.GetValue<string>());
        Assert.Equal(
            $$$"""{"namespace":"default","serviceaccount":{"name":"proxy","uid":"{{{account.Metadata.Uid}}}"}}""",
            claims["kubernetes.io"]!.ToJsonString());
        Assert.Equal(Time.GetUtcNow().UtcDateTime.AddHours(1), answered.Status.ExpirationTimestamp);
        Assert.Equal(3600, answered.Spec.ExpirationSeconds);
        Assert.Equal([Issuer], answered.Spec.Audiences);
        Assert.Equal("proxy", answered.Metadata.Name);
    }

    [Fact]
    public async Task TokenRequest_BoundToPod_NamesThePodAndEchoesTheReference()
    {
        var account = await CreateServiceAccount();
        var pod = await CreatePod("gateway-0");

        var (code, body) = await Post(
            "api/v1/namespaces/default/serviceaccounts/proxy/token",
            """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"audiences":["junction"],"expirationSeconds":600,"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"gateway-0"}}}""");

        Assert.Equal(HttpStatusCode.Created, code);
        var claims = Part(body["status"]!["token"]!.GetValue<string>(), 1);
        Assert.Equal(
            $$$"""{"namespace":"default","pod":{"name":"gateway-0","uid":"{{{pod.Metadata.Uid}}}"},"serviceaccount":{"name":"proxy","uid":"{{{account.Metadata.Uid}}}"}}""",
            claims["kubernetes.io"]!.ToJsonString());
        Assert.Equal("""["junction"]""", claims["aud"]!.ToJsonString());
        Assert.Equal(600, Number(claims["exp"]) - Number(claims["iat"]));
        Assert.Equal("""{"kind":"Pod","apiVersion":"v1","name":"gateway-0"}""", body["spec"]!["boundObjectRef"]!.ToJsonString());
        Assert.Equal("TokenRequest", body["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenRequest_MissingServiceAccount_Returns404()
    {
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "ghost", "default"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("serviceaccounts \"ghost\" not found", status["message"]!.GetValue<string>());
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenRequest_ExpirationUnderTenMinutes_Returns422Invalid()
    {
        await CreateServiceAccount();

        var (code, status) = await Post("api/v1/namespaces/default/serviceaccounts/proxy/token", """{"spec":{"expirationSeconds":599}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes", status["message"]!.GetValue<string>());
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray())!;
        Assert.Equal("spec.expirationSeconds", cause["field"]!.GetValue<string>());
        Assert.Equal("authentication.k8s.io", status["details"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenRequest_ExpirationBeyondTwoToThe32_Returns422Invalid()
    {
        await CreateServiceAccount();

        var (code, status) = await Post("api/v1/namespaces/default/serviceaccounts/proxy/token", """{"spec":{"expirationSeconds":4294967297}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.EndsWith("spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRequest_ExpirationNotANumber_Returns400()
    {
        await CreateServiceAccount();

        var (code, status) = await Post("api/v1/namespaces/default/serviceaccounts/proxy/token", """{"spec":{"expirationSeconds":"1h"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal(
            "TokenRequest in version \"v1\" cannot be handled as a TokenRequest: json: cannot unmarshal string into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenRequest_PodOfAnotherServiceAccount_Returns400()
    {
        await CreateServiceAccount();
        await CreatePod("other-0", serviceAccount: "other");

        var (code, status) = await Post("api/v1/namespaces/default/serviceaccounts/proxy/token", """{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"other-0"}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("cannot bind token for serviceaccount \"proxy\" to pod running with different serviceaccount name.", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenRequest_BoundUidOfAnEarlierPod_Returns409()
    {
        await CreateServiceAccount();
        await CreatePod("gateway-0");

        var (code, status) = await Post("api/v1/namespaces/default/serviceaccounts/proxy/token", """{"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"gateway-0","uid":"1d5a7e0c-0000-0000-0000-000000000000"}}}""");

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal(
            "Operation cannot be fulfilled on Pod \"gateway-0\": the UID in the bound object reference (1d5a7e0c-0000-0000-0000-000000000000) does not match the UID in record. The object might have been deleted and then recreated",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenRequest_KubeletProjectedLifetime_IssuesAYearThatWarnsAfterTheHour()
    {
        await CreateServiceAccount();
        await CreatePod("gateway-0");

        var (code, body) = await Post(
            "api/v1/namespaces/default/serviceaccounts/proxy/token",
            """{"spec":{"expirationSeconds":3607,"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"gateway-0"}}}""");

        Assert.Equal(HttpStatusCode.Created, code);
        var claims = Part(body["status"]!["token"]!.GetValue<string>(), 1);
        var iat = Number(claims["iat"]);
        Assert.Equal(iat + (365L * 24 * 3600), Number(claims["exp"]));
        Assert.Equal(iat + 3607, Number(claims["kubernetes.io"]!["warnafter"]));
        Assert.Equal(Time.GetUtcNow().AddSeconds(3607).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), body["status"]!["expirationTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_ListsTokenSubresourceAndTokenReviews()
    {
        var core = await Client.CoreV1.GetAPIResourcesAsync();
        var groups = await Client.Apis.GetAPIVersionsAsync();
        using var response = await Send(HttpMethod.Get, "apis/authentication.k8s.io/v1");
        var authentication = await Json(response);

        var token = Assert.Single(core.Resources, r => r.Name == "serviceaccounts/token");
        Assert.Equal(["create"], token.Verbs);
        Assert.Equal("TokenRequest", token.Kind);
        Assert.Equal("authentication.k8s.io", token.Group);
        Assert.Equal("v1", Assert.Single(groups.Groups, g => g.Name == "authentication.k8s.io").PreferredVersion.Version);
        var reviews = Assert.Single(authentication["resources"]!.AsArray())!;
        Assert.Equal("tokenreviews", reviews["name"]!.GetValue<string>());
        Assert.False(reviews["namespaced"]!.GetValue<bool>());
        Assert.Equal("""["create"]""", reviews["verbs"]!.ToJsonString());
    }
}
