using System.Text.Json;
using System.Text.Json.Nodes;

namespace Junction.Injection;

/// <summary>The parts of an AdmissionReview v1 request the webhook reads.</summary>
/// <param name="Uid">request.uid, echoed in the response.</param>
/// <param name="Resource">request.resource as <c>group/version/resource</c> (core: <c>/v1/pods</c>).</param>
/// <param name="SubResource">request.subResource, empty for the object itself.</param>
/// <param name="Namespace">request.namespace.</param>
/// <param name="Operation">request.operation: CREATE, UPDATE, DELETE or CONNECT.</param>
/// <param name="Object">request.object, the object as it would be stored; null for DELETE.</param>
internal sealed record AdmissionRequest(string Uid, string Resource, string SubResource, string Namespace, string Operation, JsonObject? Object)
{
    /// <summary>The API version this webhook speaks.</summary>
    public const string ApiVersion = "admission.k8s.io/v1";

    /// <summary>The request of an AdmissionReview body, or null with <paramref name="error"/> saying what is wrong with it.</summary>
    public static AdmissionRequest? Parse(ReadOnlySpan<byte> body, out string? error)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            error = "the body is not JSON: " + e.Message;
            return null;
        }

        if (root is not JsonObject review)
        {
            error = "the body is not a JSON object; expected an AdmissionReview";
            return null;
        }

        var (apiVersion, kind) = (Text(review, "apiVersion"), Text(review, "kind"));
        if (kind != "AdmissionReview" || apiVersion != ApiVersion)
        {
            error = $"expected kind AdmissionReview of apiVersion {ApiVersion}, got kind \"{kind}\" of apiVersion \"{apiVersion}\" (admissionReviewVersions must be [v1])";
            return null;
        }

        if (review["request"] is not JsonObject request)
        {
            error = "the AdmissionReview has no request";
            return null;
        }

        if (Text(request, "uid") is not { Length: > 0 } uid)
        {
            error = "the AdmissionReview's request has no uid";
            return null;
        }

        if (request["object"] is not (null or JsonObject))
        {
            error = "request.object is not an object";
            return null;
        }

        var resource = request["resource"] as JsonObject;
        error = null;
        return new AdmissionRequest(
            uid,
            $"{Text(resource, "group")}/{Text(resource, "version")}/{Text(resource, "resource")}",
            Text(request, "subResource") ?? "",
            Text(request, "namespace") ?? "",
            Text(request, "operation") ?? "",
            request["object"] as JsonObject);
    }

    private static string? Text(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
