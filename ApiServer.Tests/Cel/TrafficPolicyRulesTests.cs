using System.Net;
using Xunit;

namespace Junction.ApiServer.Tests.Cel;

/// <summary>Every x-kubernetes-validations rule of the TrafficPolicy CRD: a violation refused with kube-apiserver's words, a near miss accepted.</summary>
public sealed class TrafficPolicyRulesTests : ApiServerTest
{
    private const string Ingress = """{"hosts":["shop.example.com"]""";

    protected override ApiServerOptions Options => new() { TimeProvider = Time, CrdPaths = [TrafficPolicyCrd.File()] };

    public static TheoryData<string, string, string, string> Violations => new()
    {
        { "spec", """{"protocol":"TCP","ingress":""" + Ingress + "}}", "spec", "Invalid value: \"object\": an Ingress carries HTTP only; protocol TCP cannot have ingress" },
        { "tls", """{"ingress":""" + Ingress + ""","tls":{}}}""", "spec.ingress.tls", "Invalid value: \"object\": tls needs secretName or issuerRef" },
        { "loadBalancer", """{"loadBalancer":{"algorithm":"ConsistentHash"}}""", "spec.loadBalancer", "Invalid value: \"object\": consistentHash must be set exactly when algorithm is ConsistentHash" },
        { "consistentHash", """{"loadBalancer":{"algorithm":"ConsistentHash","consistentHash":{"type":"Header"}}}""", "spec.loadBalancer.consistentHash", "Invalid value: \"object\": name is required for type Header and Cookie" },
        { "burst", """{"rateLimit":{"requestsPerSecond":10,"burst":5}}""", "spec.rateLimit", "Invalid value: \"object\": burst must be at least requestsPerSecond" },
        { "headerName", """{"rateLimit":{"requestsPerSecond":10,"key":"Header"}}""", "spec.rateLimit", "Invalid value: \"object\": headerName must be set exactly when key is Header" },
        { "routes", """{"routes":[{"name":"a"},{"name":"a"}]}""", "spec.routes", "Invalid value: \"array\": route names must be unique" },
        { "backendRefs", """{"routes":[{"name":"a","backendRefs":[{"name":"v1","port":80,"weight":0},{"name":"v2","port":80,"weight":0}]}]}""", "spec.routes[0].backendRefs", "Invalid value: \"array\": at least one backendRef must have a non-zero weight" },
        { "requestHeaderModifier", """{"routes":[{"name":"a","filters":[{"type":"RequestHeaderModifier"}]}]}""", "spec.routes[0].filters[0]", "Invalid value: \"object\": requestHeaderModifier must be set exactly when type is RequestHeaderModifier" },
        { "responseHeaderModifier", """{"routes":[{"name":"a"},{"name":"b","filters":[{"type":"RequestRedirect","requestRedirect":{"statusCode":301}},{"type":"ResponseHeaderModifier"}]}]}""", "spec.routes[1].filters[1]", "Invalid value: \"object\": responseHeaderModifier must be set exactly when type is ResponseHeaderModifier" },
        { "urlRewrite", """{"routes":[{"name":"a","filters":[{"type":"URLRewrite"}]}]}""", "spec.routes[0].filters[0]", "Invalid value: \"object\": urlRewrite must be set exactly when type is URLRewrite" },
        { "requestRedirect", """{"routes":[{"name":"a","filters":[{"type":"RequestRedirect"}]}]}""", "spec.routes[0].filters[0]", "Invalid value: \"object\": requestRedirect must be set exactly when type is RequestRedirect" },
        { "redirectFullPath", """{"routes":[{"name":"a","filters":[{"type":"RequestRedirect","requestRedirect":{"path":{"type":"ReplaceFullPath"}}}]}]}""", "spec.routes[0].filters[0].requestRedirect.path", "Invalid value: \"object\": replaceFullPath must be set exactly when type is ReplaceFullPath" },
        { "redirectPrefix", """{"routes":[{"name":"a","filters":[{"type":"RequestRedirect","requestRedirect":{"path":{"type":"ReplacePrefixMatch"}}}]}]}""", "spec.routes[0].filters[0].requestRedirect.path", "Invalid value: \"object\": replacePrefixMatch must be set exactly when type is ReplacePrefixMatch" },
        { "rewriteFullPath", """{"routes":[{"name":"a","filters":[{"type":"URLRewrite","urlRewrite":{"path":{"type":"ReplaceFullPath"}}}]}]}""", "spec.routes[0].filters[0].urlRewrite.path", "Invalid value: \"object\": replaceFullPath must be set exactly when type is ReplaceFullPath" },
        { "rewritePrefix", """{"routes":[{"name":"a","filters":[{"type":"URLRewrite","urlRewrite":{"path":{"type":"ReplacePrefixMatch"}}}]}]}""", "spec.routes[0].filters[0].urlRewrite.path", "Invalid value: \"object\": replacePrefixMatch must be set exactly when type is ReplacePrefixMatch" },
    };

    public static TheoryData<string, string> NearMisses => new()
    {
        { "spec", """{"protocol":"HTTP","ingress":""" + Ingress + "}}" },
        { "specTcp", """{"protocol":"TCP"}""" },
        { "tls", """{"ingress":""" + Ingress + ""","tls":{"issuerRef":{"name":"letsencrypt"}}}}""" },
        { "loadBalancer", """{"loadBalancer":{"algorithm":"ConsistentHash","consistentHash":{"type":"SourceIP"}}}""" },
        { "consistentHash", """{"loadBalancer":{"algorithm":"ConsistentHash","consistentHash":{"type":"Header","name":"x-user"}}}""" },
        { "burst", """{"rateLimit":{"requestsPerSecond":10,"burst":10}}""" },
        { "headerName", """{"rateLimit":{"requestsPerSecond":10,"key":"Header","headerName":"x-user"}}""" },
        { "routes", """{"routes":[{"name":"a"},{"name":"b"}]}""" },
        { "backendRefs", """{"routes":[{"name":"a","backendRefs":[{"name":"v1","port":80,"weight":0},{"name":"v2","port":80}]}]}""" },
        { "emptyModifierIsPresent", """{"routes":[{"name":"a","filters":[{"type":"RequestHeaderModifier","requestHeaderModifier":{}}]}]}""" },
        { "responseHeaderModifier", """{"routes":[{"name":"a","filters":[{"type":"ResponseHeaderModifier","responseHeaderModifier":{"remove":["server"]}}]}]}""" },
        { "urlRewrite", """{"routes":[{"name":"a","filters":[{"type":"URLRewrite","urlRewrite":{"hostname":"api.example.com"}}]}]}""" },
        { "redirectFullPath", """{"routes":[{"name":"a","filters":[{"type":"RequestRedirect","requestRedirect":{"path":{"type":"ReplaceFullPath","replaceFullPath":"/"}}}]}]}""" },
        { "rewritePrefix", """{"routes":[{"name":"a","filters":[{"type":"URLRewrite","urlRewrite":{"path":{"type":"ReplacePrefixMatch","replacePrefixMatch":"/v1"}}}]}]}""" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Create_ViolatingRule_Returns422WithRuleMessageAndPath(string rule, string spec, string field, string message)
    {
        using var response = await Send(HttpMethod.Post, TrafficPolicyCrd.Path, TrafficPolicyCrd.Policy(spec).ToJsonString());
        var status = await Json(response);

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{rule}: {status.ToJsonString()}");
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray());
        Assert.Equal(field, cause!["field"]!.GetValue<string>());
        Assert.Equal("FieldValueInvalid", cause["reason"]!.GetValue<string>());
        Assert.Equal(message, cause["message"]!.GetValue<string>());
        Assert.Equal($"TrafficPolicy.traffic.junction.dev \"shop\" is invalid: {field}: {message}", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_BothPathReplacementsWrong_ReportsBothRules()
    {
        var spec = """{"routes":[{"name":"a","filters":[{"type":"URLRewrite","urlRewrite":{"path":{"type":"ReplaceFullPath","replacePrefixMatch":"/v1"}}}]}]}""";

        using var response = await Send(HttpMethod.Post, TrafficPolicyCrd.Path, TrafficPolicyCrd.Policy(spec).ToJsonString());
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            "TrafficPolicy.traffic.junction.dev \"shop\" is invalid: [" +
            "spec.routes[0].filters[0].urlRewrite.path: Invalid value: \"object\": replaceFullPath must be set exactly when type is ReplaceFullPath, " +
            "spec.routes[0].filters[0].urlRewrite.path: Invalid value: \"object\": replacePrefixMatch must be set exactly when type is ReplacePrefixMatch]",
            status["message"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(NearMisses))]
    public async Task Create_NearMiss_IsAccepted(string rule, string spec)
    {
        using var response = await Send(HttpMethod.Post, TrafficPolicyCrd.Path, TrafficPolicyCrd.Policy(spec).ToJsonString());

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{rule}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Create_NameOf58Characters_RefusedByRootRule()
    {
        var name = new string('a', 58);

        using var response = await Send(HttpMethod.Post, TrafficPolicyCrd.Path, TrafficPolicyCrd.Policy("{}", name).ToJsonString());
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            $"TrafficPolicy.traffic.junction.dev \"{name}\" is invalid: <nil>: Invalid value: \"object\": metadata.name must be at most 57 characters, because the proxy Service is named <name>-proxy",
            status["message"]!.GetValue<string>());
        Assert.Equal("<nil>", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_NameOf57Characters_IsAccepted()
    {
        using var response = await Send(HttpMethod.Post, TrafficPolicyCrd.Path, TrafficPolicyCrd.Policy("{}", new string('a', 57)).ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task MergePatch_IntroducingViolation_Returns422AndKeepsStoredObject()
    {
        using var created = await Send(HttpMethod.Post, TrafficPolicyCrd.Path, TrafficPolicyCrd.Policy("""{"rateLimit":{"requestsPerSecond":10}}""").ToJsonString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var patched = await Send(HttpMethod.Patch, TrafficPolicyCrd.Path + "/shop", """{"spec":{"rateLimit":{"burst":1}}}""", "application/merge-patch+json");
        var status = await Json(patched);
        using var read = await Send(HttpMethod.Get, TrafficPolicyCrd.Path + "/shop");

        Assert.True(patched.StatusCode == HttpStatusCode.UnprocessableEntity, status.ToJsonString());
        Assert.Equal("TrafficPolicy.traffic.junction.dev \"shop\" is invalid: spec.rateLimit: Invalid value: \"object\": burst must be at least requestsPerSecond", status["message"]!.GetValue<string>());
        Assert.Null((await Json(read))["spec"]!["rateLimit"]!["burst"]);
    }

    [Fact]
    public async Task ServerSideApply_Violation_Returns422()
    {
        var policy = TrafficPolicyCrd.Policy("""{"routes":[{"name":"a"},{"name":"a"}]}""").ToJsonString();

        using var response = await Send(HttpMethod.Patch, TrafficPolicyCrd.Path + "/shop?fieldManager=test", policy, "application/apply-patch+yaml");
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("TrafficPolicy.traffic.junction.dev \"shop\" is invalid: spec.routes: Invalid value: \"array\": route names must be unique", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_StructuralErrorToo_SkipsRulesAndSaysSo()
    {
        var spec = """{"rateLimit":{"requestsPerSecond":10,"burst":5,"key":"Nobody"}}""";

        using var response = await Send(HttpMethod.Post, TrafficPolicyCrd.Path, TrafficPolicyCrd.Policy(spec).ToJsonString());
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            "TrafficPolicy.traffic.junction.dev \"shop\" is invalid: [spec.rateLimit.key: Unsupported value: \"Nobody\": supported values: \"ClientIP\", \"Header\", \"Global\", " +
            "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]",
            status["message"]!.GetValue<string>());
    }
}
