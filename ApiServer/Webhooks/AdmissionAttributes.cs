using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Webhooks;

/// <summary>What one write asks admission: the resource, the operation and the objects, as AdmissionReview carries them.</summary>
/// <param name="Type">The resource written.</param>
/// <param name="Operation">CREATE, UPDATE, DELETE or CONNECT.</param>
/// <param name="SubResource">"status", "scale", or empty for the main resource.</param>
/// <param name="Namespace">The object's namespace; for a Namespace itself, its name (kube's convention).</param>
/// <param name="Name">The object's name.</param>
/// <param name="Object">The new object; null for DELETE.</param>
/// <param name="OldObject">The stored object for UPDATE and DELETE.</param>
/// <param name="DryRun">Whether the request is a dry run.</param>
/// <param name="Options">The CreateOptions, UpdateOptions or DeleteOptions sent along.</param>
internal sealed record AdmissionAttributes(
    ResourceType Type,
    string Operation,
    string SubResource,
    string Namespace,
    string Name,
    JsonObject? Object,
    JsonObject? OldObject,
    bool DryRun,
    JsonObject Options)
{
    /// <summary>Whether kube-apiserver would send this request to webhooks at all.</summary>
    public bool Exempt => Type.Key is "mutatingwebhookconfigurations.admissionregistration.k8s.io"
        or "validatingwebhookconfigurations.admissionregistration.k8s.io"
        or "validatingadmissionpolicies.admissionregistration.k8s.io"
        or "validatingadmissionpolicybindings.admissionregistration.k8s.io";

    public static AdmissionAttributes ForCreate(ResourceType type, JsonObject obj, WriteOptions options) =>
        new(type, "CREATE", string.Empty, NamespaceOf(type, obj), Meta.Name(obj), obj, null, options.DryRun, OptionsFor("CreateOptions", options));

    public static AdmissionAttributes ForUpdate(ResourceType type, string subresource, JsonObject obj, JsonObject old, WriteOptions options) =>
        new(type, "UPDATE", subresource, NamespaceOf(type, old), Meta.Name(old), obj, old, options.DryRun, OptionsFor("UpdateOptions", options));

    public static AdmissionAttributes ForDelete(ResourceType type, JsonObject old, DeleteOptions options)
    {
        var json = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "meta.k8s.io/v1" };
        if (options.PropagationPolicy is { } policy)
        {
            json["propagationPolicy"] = policy;
        }

        if (options.DryRun)
        {
            json["dryRun"] = new JsonArray("All");
        }

        return new(type, "DELETE", string.Empty, NamespaceOf(type, old), Meta.Name(old), null, old, options.DryRun, json);
    }

    private static string NamespaceOf(ResourceType type, JsonObject obj) => type.Key == "namespaces" ? Meta.Name(obj) : Meta.Namespace(obj);

    private static JsonObject OptionsFor(string kind, WriteOptions options)
    {
        var json = new JsonObject { ["kind"] = kind, ["apiVersion"] = "meta.k8s.io/v1" };
        if (options.DryRun)
        {
            json["dryRun"] = new JsonArray("All");
        }

        json["fieldManager"] = options.FieldManager;
        return json;
    }
}
