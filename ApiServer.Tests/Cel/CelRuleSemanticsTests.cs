using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Junction.ApiServer.Tests.Cel;

/// <summary>How rules are evaluated: messages, reasons, field paths, transition rules, ratcheting and the cost limit.</summary>
public sealed class CelRuleSemanticsTests : ApiServerTest
{
    [Fact]
    public async Task Create_Valid_IsAcceptedAndTransitionRulesAreSkipped()
    {
        await CreateCrd();

        var (code, body) = await Write(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"ports":[{"name":"http","port":80}]}"""));

        Assert.True(code == HttpStatusCode.Created, body.ToJsonString());
    }

    [Fact]
    public async Task Create_RuleWithoutMessage_SaysFailedRule()
    {
        await CreateCrd();

        var message = await Refused(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"replicas":5}"""));

        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec: Invalid value: \"object\": failed rule: self.replicas <= self.maxReplicas", message);
    }

    [Fact]
    public async Task Create_FieldMissing_ReportsNoSuchKey()
    {
        await CreateCrd();

        var message = await Refused(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"maxReplicas":null}"""));

        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec: Invalid value: \"object\": no such key: maxReplicas evaluating rule: self.replicas <= self.maxReplicas", message);
    }

    [Fact]
    public async Task Create_MessageExpression_IsEvaluated()
    {
        await CreateCrd();

        var message = await Refused(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"size":13}"""));

        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec: Invalid value: \"object\": size 13 is unlucky", message);
    }

    [Fact]
    public async Task Create_FieldPathAndReason_ShapeTheError()
    {
        await CreateCrd();

        var (code, status) = await Write(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"options":null}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec.options: Required value: options are required", status["message"]!.GetValue<string>());
        Assert.Equal("FieldValueRequired", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("spec.options", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_EmptyObject_IsPresentToHas()
    {
        await CreateCrd();

        var (code, body) = await Write(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"options":{}}"""));

        Assert.True(code == HttpStatusCode.Created, body.ToJsonString());
        Assert.NotNull(body["spec"]!["options"]);
    }

    [Fact]
    public async Task Create_AdditionalPropertiesRule_NamesTheKey()
    {
        await CreateCrd();

        var message = await Refused(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"labels":{"ok":"abc","bad":"abcdefg"}}"""));

        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec.labels[bad]: Invalid value: \"string\": label values are at most 5 characters", message);
    }

    [Fact]
    public async Task Create_ArrayRule_WithStringLibrary()
    {
        await CreateCrd();

        var refused = await Refused(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"tags":["ok","Loud"]}"""));
        var (code, _) = await Write(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"tags":["ok","quiet"]}"""));

        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec.tags: Invalid value: \"array\": tags are lower case", refused);
        Assert.Equal(HttpStatusCode.Created, code);
    }

    [Fact]
    public async Task Update_TransitionRule_ComparesWithOldSelf()
    {
        await CreateCrd();
        await Write(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget());

        var refused = await Refused(HttpMethod.Patch, GadgetCrd.Path + "/g", JsonNode.Parse("""{"spec":{"mode":"b"}}""")!.AsObject(), "application/merge-patch+json");
        var (code, _) = await Write(HttpMethod.Patch, GadgetCrd.Path + "/g", JsonNode.Parse("""{"spec":{"replicas":2}}""")!.AsObject(), "application/merge-patch+json");

        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec: Invalid value: \"object\": mode is immutable", refused);
        Assert.Equal(HttpStatusCode.OK, code);
    }

    [Fact]
    public async Task Update_ListMapItems_CorrelateByKey()
    {
        await CreateCrd();
        await Write(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"ports":[{"name":"http","port":80}]}"""));

        var refused = await Refused(HttpMethod.Patch, GadgetCrd.Path + "/g", JsonNode.Parse("""{"spec":{"ports":[{"name":"https","port":443},{"name":"http","port":81}]}}""")!.AsObject(), "application/merge-patch+json");
        var (code, body) = await Write(HttpMethod.Patch, GadgetCrd.Path + "/g", JsonNode.Parse("""{"spec":{"ports":[{"name":"https","port":443},{"name":"http","port":80}]}}""")!.AsObject(), "application/merge-patch+json");

        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec.ports[1]: Invalid value: \"object\": a port number is immutable", refused);
        Assert.True(code == HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task Update_UnchangedInvalidValue_IsRatchetedToWarning()
    {
        using (var crd = await Send(HttpMethod.Post, GadgetCrd.CrdPath, GadgetCrd.Json(s => s["properties"]!["tags"]!.AsObject().Remove("x-kubernetes-validations"))))
        {
            Assert.Equal(HttpStatusCode.Created, crd.StatusCode);
        }

        await Write(HttpMethod.Post, GadgetCrd.Path, GadgetCrd.Gadget("""{"tags":["Loud"]}"""));
        var stored = JsonNode.Parse(GadgetCrd.Json())!.AsObject();
        stored["metadata"]!["resourceVersion"] = (await Json(await Send(HttpMethod.Get, GadgetCrd.CrdPath + "/gadgets.test.junction.dev")))["metadata"]!["resourceVersion"]!.DeepClone();
        using (var put = await Send(HttpMethod.Put, GadgetCrd.CrdPath + "/gadgets.test.junction.dev", stored.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var unchanged = await Send(HttpMethod.Patch, GadgetCrd.Path + "/g", """{"spec":{"replicas":2}}""", "application/merge-patch+json");
        var changed = await Refused(HttpMethod.Patch, GadgetCrd.Path + "/g", JsonNode.Parse("""{"spec":{"tags":["Louder"]}}""")!.AsObject(), "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Contains("spec.tags: Invalid value: \\\"array\\\": tags are lower case", string.Join(",", unchanged.Headers.GetValues("Warning")), StringComparison.Ordinal);
        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec.tags: Invalid value: \"array\": tags are lower case", changed);
    }

    [Fact]
    public async Task Create_RuleOverPerCallCostLimit_IsRefusedWithCostWording()
    {
        await CreateCrd();
        var numbers = new JsonArray(Enumerable.Range(0, 200).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        var gadget = GadgetCrd.Gadget();
        gadget["spec"]!["numbers"] = numbers;

        var message = await Refused(HttpMethod.Post, GadgetCrd.Path, gadget);

        Assert.Equal(
            "Gadget.test.junction.dev \"g\" is invalid: spec.numbers: Invalid value: \"array\": 'operation cancelled: actual cost limit exceeded': " +
            "no further validation rules will be run due to call cost exceeds limit for rule: self.all(a, self.all(b, self.all(c, a + b + c >= 0)))",
            message);
    }

    [Fact]
    public async Task Create_SmallListUnderCostLimit_IsEvaluated()
    {
        await CreateCrd();
        var gadget = GadgetCrd.Gadget();
        gadget["spec"]!["numbers"] = new JsonArray(1, 2, -5);

        var message = await Refused(HttpMethod.Post, GadgetCrd.Path, gadget);

        Assert.Equal("Gadget.test.junction.dev \"g\" is invalid: spec.numbers: Invalid value: \"array\": failed rule: self.all(a, self.all(b, self.all(c, a + b + c >= 0)))", message);
    }

    private async Task CreateCrd()
    {
        using var response = await Send(HttpMethod.Post, GadgetCrd.CrdPath, GadgetCrd.Json());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Code, JsonObject Body)> Write(HttpMethod method, string path, JsonObject body, string contentType = "application/json")
    {
        using var response = await Send(method, path, body.ToJsonString(), contentType);
        return (response.StatusCode, await Json(response));
    }

    private async Task<string> Refused(HttpMethod method, string path, JsonObject body, string contentType = "application/json")
    {
        var (code, status) = await Write(method, path, body, contentType);
        Assert.True(code == HttpStatusCode.UnprocessableEntity, status.ToJsonString());
        return status["message"]!.GetValue<string>();
    }
}
