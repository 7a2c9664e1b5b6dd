using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Faults;
using Junction.ApiServer.Store;
using Microsoft.AspNetCore.Http;

namespace Junction.ApiServer.Http;

/// <summary>Answers a request an injected fault fails, with the Status kube-apiserver would send for that code.</summary>
internal static class FaultResponse
{
    public static async Task Write(HttpContext context, FaultRule fault, string qualifiedResource, string name)
    {
        var status = fault.StatusCode;
        var retryAfter = (int)Math.Ceiling(fault.RetryAfter.TotalSeconds);
        var error = status switch
        {
            409 => Errors.Conflict(qualifiedResource, name, "the object has been modified; please apply your changes to the latest version and try again"),
            429 => new ApiException(HttpStatusCode.TooManyRequests, "TooManyRequests", "Too many requests, please try again later.", new JsonObject { ["retryAfterSeconds"] = retryAfter }),
            500 => new ApiException(HttpStatusCode.InternalServerError, "InternalError", "Internal error occurred: injected fault", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = "injected fault" }) }),
            503 => new ApiException(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "the server is currently unable to handle the request"),
            _ => new ApiException((HttpStatusCode)status, "Unknown", $"injected fault with status {status}"),
        };
        if (status == 429)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        await Responses.Error(context, error);
    }
}
