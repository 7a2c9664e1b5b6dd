using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Junction.ApiServer.Tests.Cel;

/// <summary>A CRD whose rule does not compile is refused when it is written, as kube-apiserver refuses it.</summary>
public sealed class CrdCompilationTests : ApiServerTest
{
    [Fact]
    public async Task CreateCrd_SyntaxError_Returns422WithCompilationFailed()
    {
        var status = await RefusedCrd(s => Rules(s)[0]!["rule"] = "self.");

        Assert.Equal(
            "CustomResourceDefinition.apiextensions.k8s.io \"gadgets.test.junction.dev\" is invalid: " +
            "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: " +
            "apiextensions.ValidationRule{Rule:\"self.\", Message:\"\", MessageExpression:\"\", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}: " +
            "compilation failed: ERROR: <input>:1:6: Syntax error: mismatched input <EOF> expecting IDENTIFIER\n | self.\n | .....^",
            status["message"]!.GetValue<string>());
        Assert.Equal("FieldValueInvalid", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateCrd_UndefinedField_Returns422AndServesNothing()
    {
        var status = await RefusedCrd(s => Rules(s)[1]!["rule"] = "self.mood == oldSelf.mode");
        using var list = await Send(HttpMethod.Get, GadgetCrd.Path);

        Assert.EndsWith(
            "x-kubernetes-validations[1].rule: Invalid value: apiextensions.ValidationRule{Rule:\"self.mood == oldSelf.mode\", Message:\"mode is immutable\", MessageExpression:\"\", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}: " +
            "compilation failed: ERROR: <input>:1:5: undefined field 'mood'\n | self.mood == oldSelf.mode\n | ....^",
            status["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
    }

    [Fact]
    public async Task CreateCrd_UnknownFunctionAndVariable_AreRefused()
    {
        var function = await RefusedCrd(s => Rules(s)[0]!["rule"] = "self.replicas.frobnicate()");
        var variable = await RefusedCrd(s => Rules(s)[0]!["rule"] = "other.replicas > 0");

        Assert.Contains("undeclared reference to 'frobnicate' (in container '')", function["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("compilation failed: ERROR: <input>:1:1: undeclared reference to 'other' (in container '')", variable["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCrd_BadMessageExpressionAndFieldPath_AreRefused()
    {
        var status = await RefusedCrd(s =>
        {
            Rules(s)[2]!["messageExpression"] = "'size ' +";
            Rules(s)[3]!["fieldPath"] = ".nothing";
        });
        var message = status["message"]!.GetValue<string>();

        Assert.Contains("x-kubernetes-validations[2].messageExpression: Invalid value: \"'size ' +\": messageExpression compilation failed: ERROR: <input>:1:10: Syntax error: mismatched input <EOF>", message, StringComparison.Ordinal);
        Assert.Contains("x-kubernetes-validations[3].fieldPath: Invalid value: \".nothing\": fieldPath must be a valid path", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCrd_EmptyRule_IsRequired()
    {
        var status = await RefusedCrd(s => Rules(s)[0]!["rule"] = " ");

        Assert.EndsWith("spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Required value: rule is not specified", status["message"]!.GetValue<string>());
    }

    private static JsonArray Rules(JsonObject specSchema) => specSchema["x-kubernetes-validations"]!.AsArray();

    private async Task<JsonObject> RefusedCrd(Action<JsonObject> edit)
    {
        using var response = await Send(HttpMethod.Post, GadgetCrd.CrdPath, GadgetCrd.Json(edit));
        var status = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, status.ToJsonString());
        return status;
    }
}
