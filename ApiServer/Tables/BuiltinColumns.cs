using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Tables;

/// <summary>The columns kube-apiserver prints for the built-in kinds this server serves.</summary>
internal static class BuiltinColumns
{
    public static IReadOnlyList<TableColumn> For(string key) => key switch
    {
        "namespaces" => [Name, Text("Status", "status.phase"), Age],
        "services" =>
        [
            Name, Text("Type", "spec.type"), Text("Cluster-IP", "spec.clusterIP"),
            new("External-IP", "string", string.Empty, "External IPs", 0, (o, _) => ExternalIps(o)),
            new("Port(s)", "string", string.Empty, "Ports", 0, (o, _) => Ports(o)),
            Age,
        ],
        "deployments.apps" =>
        [
            Name,
            new("Ready", "string", string.Empty, "Ready replicas", 0, (o, _) => $"{Num(o, "status.readyReplicas")}/{Num(o, "spec.replicas")}"),
            new("Up-to-date", "integer", string.Empty, "Updated replicas", 0, (o, _) => Num(o, "status.updatedReplicas")),
            new("Available", "integer", string.Empty, "Available replicas", 0, (o, _) => Num(o, "status.availableReplicas")),
            Age,
        ],
        "configmaps" => [Name, new("Data", "integer", string.Empty, "Data entries", 0, (o, _) => Count(o["data"]) + Count(o["binaryData"])), Age],
        "secrets" => [Name, Text("Type", "type"), new("Data", "integer", string.Empty, "Data entries", 0, (o, _) => Count(o["data"])), Age],
        "pods" => [Name, Text("Status", "status.phase"), Age],
        "ingresses.networking.k8s.io" =>
        [
            Name, Text("Class", "spec.ingressClassName"),
            new("Hosts", "string", string.Empty, "Hosts", 0, (o, _) => Join((o["spec"]?["rules"] as JsonArray)?.Select(r => r?["host"]?.GetValue<string>()), "*")),
            new("Address", "string", string.Empty, "Address", 0, (o, _) => Join((o["status"]?["loadBalancer"]?["ingress"] as JsonArray)?.Select(i => i?["ip"]?.GetValue<string>() ?? i?["hostname"]?.GetValue<string>()), string.Empty)),
            new("Ports", "string", string.Empty, "Ports", 0, (o, _) => o["spec"]?["tls"] is JsonArray { Count: > 0 } ? "80, 443" : "80"),
            Age,
        ],
        "customresourcedefinitions.apiextensions.k8s.io" =>
        [
            Name,
            new("Created At", "date", string.Empty, "Creation time", 0, (o, _) => Meta.Str(o, "creationTimestamp")),
        ],
        "events" =>
        [
            new("Last Seen", "string", string.Empty, "Last seen", 0, (o, now) => HumanDuration.Since(o["lastTimestamp"]?.GetValue<string>() ?? Meta.Str(o, "creationTimestamp"), now)),
            Text("Type", "type"), Text("Reason", "reason"),
            new("Object", "string", string.Empty, "Involved object", 0, (o, _) => $"{o["involvedObject"]?["kind"]?.GetValue<string>()?.ToLowerInvariant()}/{o["involvedObject"]?["name"]?.GetValue<string>()}"),
            Text("Message", "message"),
        ],
        _ => [Name, Age],
    };

    public static TableColumn Name { get; } = new("Name", "string", "name", "Name must be unique within a namespace.", 0, (o, _) => Meta.Name(o));

    public static TableColumn Age { get; } = new("Age", "string", string.Empty, "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, (o, now) => HumanDuration.Since(Meta.Str(o, "creationTimestamp"), now));

    private static TableColumn Text(string name, string path) => new(name, "string", string.Empty, name, 0, (o, _) => Meta.PathValue(o, path));

    private static long Num(JsonObject o, string path) => long.TryParse(Meta.PathValue(o, path), out var n) ? n : 0;

    private static int Count(JsonNode? node) => node is JsonObject o ? o.Count : 0;

    private static string Join(IEnumerable<string?>? values, string empty)
    {
        var list = values?.Select(v => v ?? "*").ToList() ?? [];
        return list.Count == 0 ? empty : string.Join(",", list);
    }

    private static string ExternalIps(JsonObject svc)
    {
        var lb = (svc["status"]?["loadBalancer"]?["ingress"] as JsonArray)?.Select(i => i?["ip"]?.GetValue<string>() ?? i?["hostname"]?.GetValue<string>()).ToList();
        if (lb is { Count: > 0 })
        {
            return string.Join(",", lb);
        }

        return svc["spec"]?["type"]?.GetValue<string>() == "LoadBalancer" ? "<pending>" : "<none>";
    }

    private static string Ports(JsonObject svc)
    {
        var ports = (svc["spec"]?["ports"] as JsonArray)?.OfType<JsonObject>()
            .Select(p => $"{p["port"]}{(p["nodePort"] is JsonNode n ? ":" + n : string.Empty)}/{p["protocol"]?.GetValue<string>() ?? "TCP"}").ToList();
        return ports is { Count: > 0 } ? string.Join(",", ports) : "<none>";
    }
}
