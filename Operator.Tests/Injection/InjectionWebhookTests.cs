using System.Text;
using System.Text.Json.Nodes;
using Junction.Injection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Junction.Tests.Injection;

public sealed class InjectionWebhookTests
{
    private readonly FakeNamespaceLabels namespaces = new();
    private readonly InjectionWebhook webhook;

    public InjectionWebhookTests()
    {
        namespaces.Enabled["demo"] = true;
        webhook = new InjectionWebhook(InjectionCases.Options, namespaces, NullLogger<InjectionWebhook>.Instance);
    }

    [Fact]
    public void Review_PodCreation_AllowedWithBase64JsonPatchForTheSameUid()
    {
        var answer = webhook.Review(Encoding.UTF8.GetBytes(InjectionCases.Review(InjectionCases.Pod(), uid: "uid-1")));

        Assert.Equal((200, "application/json"), (answer.StatusCode, answer.ContentType));
        var review = JsonNode.Parse(answer.Body)!;
        Assert.Equal(("admission.k8s.io/v1", "AdmissionReview"), (review["apiVersion"]!.GetValue<string>(), review["kind"]!.GetValue<string>()));
        var response = review["response"]!;
        Assert.Equal(("uid-1", true, "JSONPatch"), (response["uid"]!.GetValue<string>(), response["allowed"]!.GetValue<bool>(), response["patchType"]!.GetValue<string>()));
        var patch = JsonNode.Parse(Convert.FromBase64String(response["patch"]!.GetValue<string>()))!.AsArray();
        var expected = Assert.IsType<InjectionPatch>(SidecarInjector.Decide(InjectionCases.Pod(), "demo", true, InjectionCases.Options));
        Assert.Equal(expected.Operations.ToJsonString(), patch.ToJsonString());
    }

    [Fact]
    public void Review_OptedOutPod_AllowedWithoutPatch()
    {
        var pod = InjectionCases.Pod(p => p.Metadata.Annotations = new Dictionary<string, string> { ["traffic.junction.dev/inject"] = "false" });

        var response = Response(webhook.Review(Encoding.UTF8.GetBytes(InjectionCases.Review(pod))));

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Null(response["patch"]);
        Assert.Null(response["patchType"]);
    }

    [Fact]
    public void Review_NamespaceNotLabelled_AllowedWithoutPatch()
    {
        namespaces.Enabled["demo"] = false;

        var response = Response(webhook.Review(Encoding.UTF8.GetBytes(InjectionCases.Review(InjectionCases.Pod()))));

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Null(response["patch"]);
    }

    [Fact]
    public void Review_UpdateOfInjectedPod_AllowedWithoutPatch()
    {
        var patch = Assert.IsType<InjectionPatch>(SidecarInjector.Decide(InjectionCases.Pod(), "demo", true, InjectionCases.Options));
        var injected = InjectionCases.Apply(InjectionCases.Pod(), patch.Operations);

        var update = Response(webhook.Review(Encoding.UTF8.GetBytes(InjectionCases.Review(injected, operation: "UPDATE"))));
        var reinvoked = Response(webhook.Review(Encoding.UTF8.GetBytes(InjectionCases.Review(injected))));

        Assert.True(update["allowed"]!.GetValue<bool>());
        Assert.Null(update["patch"]);
        Assert.True(reinvoked["allowed"]!.GetValue<bool>());
        Assert.Null(reinvoked["patch"]);
    }

    [Fact]
    public void Review_PodAskingForUnexcludablePort_RefusedWithTheReason()
    {
        var pod = InjectionCases.Pod(p => p.Metadata.Annotations = new Dictionary<string, string> { [SidecarInjector.ExcludeOutboundAnnotation] = "15001" });

        var response = Response(webhook.Review(Encoding.UTF8.GetBytes(InjectionCases.Review(pod))));

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal(400, response["status"]!["code"]!.GetValue<int>());
        Assert.Equal(
            "junction sidecar injector: annotation traffic.junction.dev/exclude-outbound-ports: 15001 is one of the proxy's own ports and cannot be excluded",
            response["status"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json", "junction sidecar injector: the body is not JSON")]
    [InlineData("[]", "junction sidecar injector: the body is not a JSON object; expected an AdmissionReview")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"u"}}""", "junction sidecar injector: expected kind AdmissionReview of apiVersion admission.k8s.io/v1, got kind \"AdmissionReview\" of apiVersion \"admission.k8s.io/v1beta1\" (admissionReviewVersions must be [v1])")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "junction sidecar injector: the AdmissionReview has no request")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"operation":"CREATE"}}""", "junction sidecar injector: the AdmissionReview's request has no uid")]
    public void Review_NoAdmissionReview_400WithClearReason(string body, string message)
    {
        var answer = webhook.Review(Encoding.UTF8.GetBytes(body));

        Assert.Equal((400, "text/plain; charset=utf-8"), (answer.StatusCode, answer.ContentType));
        Assert.StartsWith(message, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_PodObjectOfWrongShape_RefusedNotInjected()
    {
        var review = JsonNode.Parse(InjectionCases.Review(InjectionCases.Pod()))!;
        review["request"]!["object"]!["spec"] = "not an object";

        var response = Response(webhook.Review(Encoding.UTF8.GetBytes(review.ToJsonString())));

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.StartsWith("junction sidecar injector: the pod cannot be read: ", response["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonNode Response(WebhookAnswer answer)
    {
        Assert.Equal(200, answer.StatusCode);
        return JsonNode.Parse(answer.Body)!["response"]!;
    }
}
