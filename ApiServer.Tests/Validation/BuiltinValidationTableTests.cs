using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Junction.ApiServer.Tests.Validation;

/// <summary>The built-in validation table: what kube-apiserver refuses is refused in its words, what it accepts is accepted.</summary>
public sealed class BuiltinValidationTableTests : ApiServerTest
{
    public static TheoryData<ValidationCase> Invalid => InvalidObjects.All;

    public static TheoryData<ValidationCase> Valid => ValidObjects.All;

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task InvalidObject_Returns422WithKubeApiserversMessageAndFieldPath(ValidationCase c)
    {
        using var response = await Send(HttpMethod.Post, Objects.PathOf(c.Kind), Objects.With(c.Kind, c.Patch));

        var status = await Json(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Equal(c.Message, status["message"]!.GetValue<string>());
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal((c.Field, c.Reason), (cause["field"]!.GetValue<string>(), cause["reason"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task ValidEdgeCase_IsCreated(ValidationCase c)
    {
        using var response = await Send(HttpMethod.Post, Objects.PathOf(c.Kind), Objects.With(c.Kind, c.Patch));

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task InvalidGenerateName_NamesBothThePrefixAndTheGeneratedName()
    {
        using var response = await Send(HttpMethod.Post, Objects.PathOf("pod"), Objects.With("pod", """{"metadata":{"name":null,"generateName":"Web-"}}"""));

        var causes = (await Json(response))["details"]!["causes"]!.AsArray();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("metadata.generateName", causes[0]!["field"]!.GetValue<string>());
        Assert.Equal($"Invalid value: \"Web-\": {InvalidObjects.Subdomain}", causes[0]!["message"]!.GetValue<string>());
        Assert.Equal("metadata.name", causes[1]!["field"]!.GetValue<string>());
        Assert.StartsWith("Invalid value: \"Web-", causes[1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidGenerateNameEndingInDash_IsCreated()
    {
        using var response = await Send(HttpMethod.Post, Objects.PathOf("pod"), Objects.With("pod", """{"metadata":{"name":null,"generateName":"web-"}}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("web-", (await Json(response))["metadata"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeploymentSelectorChangedOnUpdate_IsImmutable()
    {
        await Create("deployment", "{}");

        using var response = await Send(
            HttpMethod.Patch,
            $"{Objects.PathOf("deployment")}/web",
            """{"spec":{"selector":{"matchLabels":{"app":"web2"}},"template":{"metadata":{"labels":{"app":"web2"}}}}}""",
            "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
            (await Json(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeploymentScaledAndRelabelledTemplateWithSameSelector_IsAccepted()
    {
        await Create("deployment", "{}");

        using var response = await Send(
            HttpMethod.Patch,
            $"{Objects.PathOf("deployment")}/web",
            """{"spec":{"replicas":3,"template":{"metadata":{"labels":{"version":"v2"}}}}}""",
            "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ServiceClusterIpChangedOnUpdate_MayNotChange()
    {
        await Create("service", """{"spec":{"clusterIP":"10.96.0.50"}}""");

        using var response = await Send(HttpMethod.Patch, $"{Objects.PathOf("service")}/web", """{"spec":{"clusterIP":"10.96.0.51","clusterIPs":["10.96.0.51"]}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.51\"}: may not change once set", (await Json(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task SecretTypeChangedOnUpdate_IsImmutable()
    {
        await Create("secret", "{}");

        using var response = await Send(HttpMethod.Patch, $"{Objects.PathOf("secret")}/s", """{"type":"kubernetes.io/tls","data":{"tls.crt":"YQ==","tls.key":"Yg=="}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Secret \"s\" is invalid: type: Invalid value: \"kubernetes.io/tls\": field is immutable", (await Json(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImmutableConfigMapDataChanged_IsForbidden()
    {
        await Create("configmap", """{"immutable":true}""");

        using var changed = await Send(HttpMethod.Patch, $"{Objects.PathOf("configmap")}/cfg", """{"data":{"k":"changed"}}""", "application/merge-patch+json");
        using var relabelled = await Send(HttpMethod.Patch, $"{Objects.PathOf("configmap")}/cfg", """{"metadata":{"labels":{"tier":"gold"}}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("ConfigMap \"cfg\" is invalid: data: Forbidden: field is immutable when `immutable` is set", (await Json(changed))["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, relabelled.StatusCode);
    }

    [Fact]
    public async Task LabelAddedByUpdate_IsValidatedToo()
    {
        await Create("configmap", "{}");

        using var response = await Send(HttpMethod.Patch, $"{Objects.PathOf("configmap")}/cfg", """{"metadata":{"labels":{"tier":"gold plated"}}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"ConfigMap \"cfg\" is invalid: metadata.labels: Invalid value: \"gold plated\": {InvalidObjects.LabelValue}", (await Json(response))["message"]!.GetValue<string>());
    }

    private async Task Create(string kind, string patch)
    {
        using var response = await Send(HttpMethod.Post, Objects.PathOf(kind), Objects.With(kind, patch));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
