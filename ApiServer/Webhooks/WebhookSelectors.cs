using System.Text.Json.Nodes;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Webhooks;

/// <summary>
/// namespaceSelector and objectSelector as kube-apiserver applies them: an absent or empty selector
/// matches everything; the namespace selector is checked against the labels of the request's namespace
/// (the object itself for a Namespace) and ignored for other cluster-scoped resources; the object selector
/// matches when either the new or the old object matches.
/// </summary>
internal static class WebhookSelectors
{
    public static bool Match(WebhookSpec webhook, AdmissionAttributes request, Func<string, JsonObject?> namespaceNamed)
    {
        if (!IsEmpty(webhook.NamespaceSelector) && (request.Type.Namespaced || request.Type.Key == "namespaces"))
        {
            var ns = request.Type.Key == "namespaces"
                ? request.Object ?? request.OldObject
                : namespaceNamed(request.Namespace);
            if (ns is null || !BuiltinValidator.SelectorMatches(webhook.NamespaceSelector!, Meta.Labels(ns)))
            {
                return false;
            }
        }

        if (IsEmpty(webhook.ObjectSelector))
        {
            return true;
        }

        return new[] { request.Object, request.OldObject }.OfType<JsonObject>()
            .Any(o => BuiltinValidator.SelectorMatches(webhook.ObjectSelector!, Meta.Labels(o)));
    }

    private static bool IsEmpty(JsonObject? selector) =>
        selector is null
        || ((selector["matchLabels"] as JsonObject)?.Count ?? 0) + ((selector["matchExpressions"] as JsonArray)?.Count ?? 0) == 0;
}
