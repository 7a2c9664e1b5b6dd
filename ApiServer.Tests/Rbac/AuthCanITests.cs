using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Junction.ApiServer.Tests.Rbac;

/// <summary>SelfSubjectAccessReview and SelfSubjectRulesReview: the embedded server allows everything and says so.</summary>
public sealed class AuthCanITests : KubectlTest
{
    [Fact]
    public async Task CanI_CreateDeployments_PrintsYes()
    {
        var result = await Run("auth can-i create deployments");

        Assert.Equal("yes", result.Stdout.Trim());
    }

    [Fact]
    public async Task CanI_InOtherNamespaceWithSubresource_PrintsYes()
    {
        var result = await Run("auth can-i get pods --subresource=log -n kube-system");

        Assert.Equal("yes", result.Stdout.Trim());
    }

    [Fact]
    public async Task CanI_NonResourceUrl_PrintsYes()
    {
        var result = await Run("auth can-i get /healthz");

        Assert.Equal("yes", result.Stdout.Trim());
    }

    [Fact]
    public async Task CanIList_PrintsWildcardRules()
    {
        var rows = Rows((await Run("auth can-i --list")).Stdout);

        Assert.Equal(["Resources", "Non-Resource URLs", "Resource Names", "Verbs"], rows[0]);
        Assert.Contains(["*.*", "[]", "[]", "[*]"], rows.Skip(1));
        Assert.Contains(["", "[*]", "[]", "[*]"], rows.Skip(1).Select(r => r.Length == 3 ? r.Prepend(string.Empty).ToArray() : r));
    }

    [Fact]
    public async Task AccessReview_Json_AnswersAllowedWithReason()
    {
        var body = """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"verb":"delete","group":"apps","resource":"deployments","namespace":"shop"}}}""";

        using var response = await Send(HttpMethod.Post, "apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body);
        var review = await Json(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(review["status"]!["allowed"]!.GetValue<bool>());
        Assert.Equal("the embedded API server authorizes every request", review["status"]!["reason"]!.GetValue<string>());
        Assert.Equal("shop", review["spec"]!["resourceAttributes"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task AccessReview_WithoutAttributes_Returns422()
    {
        var body = """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{}}""";

        using var response = await Send(HttpMethod.Post, "apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body);
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("exactly one of nonResourceAttributes or resourceAttributes must be specified", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_ListsReviewsAsCreateOnly()
    {
        using var response = await Send(HttpMethod.Get, "apis/authorization.k8s.io/v1");
        var list = await Json(response);

        var names = list["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["selfsubjectaccessreviews", "selfsubjectrulesreviews"], names);
        Assert.All(list["resources"]!.AsArray(), r => Assert.Equal("""["create"]""", r!["verbs"]!.ToJsonString()));
    }
}
