using System.Net;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Store;

/// <summary>A request failed the way kube-apiserver fails it: a status code, a reason and a Status body.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(HttpStatusCode code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public HttpStatusCode Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    /// <summary>The body: a meta/v1 Status.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
        };

        // An error kube-apiserver did not expect (a 500) carries no reason.
        if (Reason.Length > 0)
        {
            status["reason"] = Reason;
        }

        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        status["code"] = (int)Code;
        return status;
    }
}
