using Junction.ApiServer.Selectors;
using Junction.ApiServer.Store;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>Reads the Kubernetes query parameters of a request.</summary>
internal static class RequestOptions
{
    public static ListQuery List(HttpRequest request, ResourceType type, string ns)
    {
        var q = request.Query;
        var limit = int.TryParse(q["limit"], out var l) && l > 0 ? l : 0;
        return new ListQuery(
            ns,
            LabelSelector.Parse(q["labelSelector"]),
            FieldSelector.Parse(q["fieldSelector"], type),
            limit,
            q["continue"],
            q["resourceVersion"],
            IsTrue(q["sendInitialEvents"]));
    }

    public static WriteOptions Write(HttpRequest request)
    {
        var q = request.Query;
        var manager = q["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            // kube-apiserver names an unnamed manager after the client's user agent, up to the first slash.
            var agent = request.Headers.UserAgent.ToString();
            manager = agent.Length == 0 ? "unknown" : agent.Split('/')[0];
        }

        var validation = q["fieldValidation"].ToString();
        if (validation.Length == 0)
        {
            validation = "Warn";
        }

        if (validation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw Errors.BadRequest($"fieldValidation: Unsupported value: \"{validation}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }

        return new WriteOptions(manager, validation, q["dryRun"].ToString() == "All", IsTrue(q["force"]));
    }

    public static bool IsTrue(string? value) => value is "true" or "1" or "True";
}
