using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Webhooks;

/// <summary>
/// Turns a webhook's clientConfig into the address to dial. A url is dialled as given. A service
/// reference keeps kube's URL (https://&lt;name&gt;.&lt;namespace&gt;.svc:&lt;port&gt;&lt;path&gt;, also the
/// TLS server name the certificate must carry) and is dialled at, in this order: the Service's
/// <c>traffic.junction.dev/local-endpoints</c> annotation ("127.0.0.1:9443", the first of a comma list);
/// the loopback addresses of its EndpointSlices; those of its Endpoints. Pod IPs this server reports
/// (10.244.x.y) are never dialled: nothing listens there.
/// </summary>
internal static class ServiceResolver
{
    public const string LocalEndpointsAnnotation = "traffic.junction.dev/local-endpoints";

    /// <summary>The target, or an error text in kube's words (no endpoints, service not found).</summary>
    public static (WebhookTarget? Target, string? Error) Resolve(WebhookSpec webhook, ObjectStore store)
    {
        var config = webhook.ClientConfig;
        if (config["url"]?.GetValue<string>() is { Length: > 0 } url)
        {
            var full = WithTimeout(url, webhook);
            return Uri.TryCreate(full, UriKind.Absolute, out var uri)
                ? (new WebhookTarget(full, uri.Host, uri.Port), null)
                : (null, $"parse \"{url}\": invalid URL");
        }

        if (config["service"] is not JsonObject service)
        {
            return (null, "webhook has no clientConfig.url or clientConfig.service");
        }

        var ns = Text(service, "namespace");
        var name = Text(service, "name");
        var port = service["port"] is JsonValue p && p.TryGetValue<int>(out var n) ? n : 443;
        var path = Text(service, "path");
        var named = WithTimeout(string.Create(CultureInfo.InvariantCulture, $"https://{name}.{ns}.svc:{port}{path}"), webhook);
        if (store.Get("services", ns, name) is not { } svc)
        {
            return (null, $"Post \"{named}\": service \"{name}\" not found");
        }

        var endpoint = Annotated(svc) ?? FromSlices(store, svc, port) ?? FromEndpoints(store, svc, port);
        return endpoint is { } e
            ? (new WebhookTarget(named, e.Host, e.Port), null)
            : (null, $"Post \"{named}\": no endpoints available for service \"{name}\"");
    }

    // A string, not a Uri: Uri drops the default port, and kube-apiserver's messages keep it.
    private static string WithTimeout(string url, WebhookSpec webhook) =>
        url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + webhook.TimeoutParameter;

    private static (string Host, int Port)? Annotated(JsonObject svc)
    {
        var value = svc["metadata"]?["annotations"]?[LocalEndpointsAnnotation]?.GetValue<string>();
        var first = value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        var colon = first.LastIndexOf(':');
        return colon > 0 && int.TryParse(first[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            ? (first[..colon].Trim('[', ']'), port)
            : null;
    }

    private static (string Host, int Port)? FromSlices(ObjectStore store, JsonObject svc, int servicePort)
    {
        var servicePortEntry = ServicePort(svc, servicePort);
        foreach (var slice in store.List("endpointslices.discovery.k8s.io", Meta.Namespace(svc)).Where(s => Meta.Labels(s).GetValueOrDefault("kubernetes.io/service-name") == Meta.Name(svc)))
        {
            var port = (slice["ports"] as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(p => Text(p, "name") == Text(servicePortEntry, "name"))?["port"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : TargetPort(servicePortEntry, servicePort);
            foreach (var endpoint in (slice["endpoints"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (endpoint["conditions"]?["ready"] is JsonValue ready && !ready.GetValue<bool>())
                {
                    continue;
                }

                var address = (endpoint["addresses"] as JsonArray)?.Select(a => a?.GetValue<string>()).FirstOrDefault(IsLoopback);
                if (address is not null)
                {
                    return (address, port);
                }
            }
        }

        return null;
    }

    private static (string Host, int Port)? FromEndpoints(ObjectStore store, JsonObject svc, int servicePort)
    {
        if (store.Get("endpoints", Meta.Namespace(svc), Meta.Name(svc)) is not { } endpoints)
        {
            return null;
        }

        var entry = ServicePort(svc, servicePort);
        foreach (var subset in (endpoints["subsets"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var address = (subset["addresses"] as JsonArray)?.OfType<JsonObject>().Select(a => a["ip"]?.GetValue<string>()).FirstOrDefault(IsLoopback);
            if (address is null)
            {
                continue;
            }

            var ports = (subset["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            var port = ports.FirstOrDefault(p => Text(p, "name") == Text(entry, "name")) ?? ports.FirstOrDefault();
            return (address, port?["port"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : TargetPort(entry, servicePort));
        }

        return null;
    }

    private static JsonObject ServicePort(JsonObject svc, int port) =>
        (svc["spec"]?["ports"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(p => p["port"] is JsonValue v && v.TryGetValue<int>(out var n) && n == port) ?? new JsonObject();

    private static int TargetPort(JsonObject servicePort, int fallback) =>
        servicePort["targetPort"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : fallback;

    private static bool IsLoopback(string? address) => IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);

    private static string Text(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
