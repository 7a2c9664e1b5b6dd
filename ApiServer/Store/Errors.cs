using System.Net;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Store;

/// <summary>The errors kube-apiserver returns, with its wording.</summary>
internal static class Errors
{
    public static ApiException NotFound(string qualified, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{qualified} \"{name}\" not found", Details(qualified, name));

    public static ApiException NotFound(ResourceType type, string name) => NotFound(type.QualifiedName, name);

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"{type.QualifiedName} \"{name}\" already exists", Details(type.QualifiedName, name));

    public static ApiException Conflict(ResourceType type, string name) =>
        new(HttpStatusCode.Conflict, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(type.QualifiedName, name));

    public static ApiException Conflict(ResourceType type, string name, string why, JsonArray? causes = null) =>
        Conflict(type.QualifiedName, name, why, causes);

    /// <summary>A Conflict on a group-resource given as text ("Pod", "deployments.apps"), for kinds this server does not store.</summary>
    public static ApiException Conflict(string qualified, string name, string why, JsonArray? causes = null)
    {
        var details = Details(qualified, name);
        if (causes is not null)
        {
            details["causes"] = causes;
        }

        return new(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {qualified} \"{name}\": {why}", details);
    }

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors) =>
        Invalid(type.Group, type.Kind, name, errors);

    /// <summary>422 Invalid for a group and kind given as text, for kinds this server does not store (TokenRequest).</summary>
    public static ApiException Invalid(string group, string kindName, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var e in errors)
        {
            causes.Add(new JsonObject { ["reason"] = e.Reason, ["message"] = e.Message, ["field"] = e.Field });
        }

        var details = new JsonObject();
        if (name.Length > 0)
        {
            details["name"] = name;
        }

        details["group"] = group;
        details["kind"] = kindName;
        details["causes"] = causes;
        var text = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var kind = group.Length == 0 ? kindName : $"{kindName}.{group}";
        return new(HttpStatusCode.UnprocessableEntity, "Invalid", $"{kind} \"{name}\" is invalid: {text}", details);
    }

    public static ApiException BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);

    public static ApiException Internal(string message) => new(HttpStatusCode.InternalServerError, "InternalError", message);

    public static ApiException MethodNotAllowed(string message) => new(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})");

    /// <summary>kube-apiserver's answer when no media type of the Accept header can be served.</summary>
    public static ApiException NotAcceptable(string message) => new(HttpStatusCode.NotAcceptable, "NotAcceptable", message);

    public static ApiException Gone(string message) => new(HttpStatusCode.Gone, "Expired", message);

    public static ApiException PreconditionFailed(ResourceType type, string name, string message) =>
        new(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": {message}", Details(type.QualifiedName, name));

    public static ApiException Forbidden(ResourceType type, string name, string message) =>
        new(HttpStatusCode.Forbidden, "Forbidden", $"{type.QualifiedName} \"{name}\" is forbidden: {message}", Details(type.QualifiedName, name));

    public static ApiException PageNotFound() => new(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource", new JsonObject());

    private static JsonObject Details(string qualified, string name)
    {
        var dot = qualified.IndexOf('.', StringComparison.Ordinal);
        var details = new JsonObject { ["name"] = name };
        if (dot > 0)
        {
            details["group"] = qualified[(dot + 1)..];
        }

        details["kind"] = dot > 0 ? qualified[..dot] : qualified;
        return details;
    }
}
