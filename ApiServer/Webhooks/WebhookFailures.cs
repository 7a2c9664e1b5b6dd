using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Webhooks;

/// <summary>The errors kube-apiserver's webhook admission returns, in its words.</summary>
internal static class WebhookFailures
{
    /// <summary>A webhook that could not be called (or answered nonsense) under failurePolicy Fail.</summary>
    public static ApiException CallFailed(string webhook, string reason)
    {
        var message = $"failed calling webhook \"{webhook}\": {reason}";
        return new ApiException(HttpStatusCode.InternalServerError, "InternalError", $"Internal error occurred: {message}", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["message"] = message }),
        });
    }

    /// <summary>A webhook's allowed=false, with its status code (at least 400) and message.</summary>
    public static ApiException Denied(string webhook, JsonObject? result)
    {
        var deniedBy = $"admission webhook \"{webhook}\" denied the request";
        var code = result?["code"] is JsonValue c && c.TryGetValue<int>(out var n) && n >= 400 ? n : 400;
        var message = Text(result, "message");
        var reason = Text(result, "reason");
        var text = message.Length > 0 ? $"{deniedBy}: {message}" : reason.Length > 0 ? $"{deniedBy}: {reason}" : $"{deniedBy} without explanation";
        return new ApiException((HttpStatusCode)code, reason, text, result?["details"]?.DeepClone() as JsonObject);
    }

    /// <summary>A dry run reaching a webhook that may have side effects.</summary>
    public static ApiException DryRunUnsupported(string webhook) =>
        Errors.BadRequest($"admission webhook \"{webhook}\" does not support dry run");

    private static string Text(JsonObject? o, string field) => o?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
