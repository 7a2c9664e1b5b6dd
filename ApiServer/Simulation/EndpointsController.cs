using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// kube's endpoints controller: every Service with a selector gets an Endpoints object of the same name
/// whose subsets list the matching pods' IPs (ready ones under addresses, others under notReadyAddresses)
/// with each service port resolved against the pod (a named targetPort is looked up in its containers'
/// ports); pods that resolve the ports alike share a subset. Endpoints it made for a Service that is gone
/// are deleted. Services without a selector are left to whoever writes their Endpoints.
/// </summary>
internal sealed class EndpointsController(ControllerClient client)
{
    /// <summary>The label the controller marks its Endpoints with (kube-controller-manager's own).</summary>
    public const string ManagedBy = "endpoints.kubernetes.io/managed-by";

    private const string Manager = "endpoint-controller";

    public void Reconcile(IReadOnlyList<JsonObject> services, IReadOnlyList<JsonObject> pods, IReadOnlyList<JsonObject> endpoints)
    {
        var existing = endpoints.ToDictionary(e => (Meta.Namespace(e), Meta.Name(e)));
        var wanted = new HashSet<(string, string)>();
        foreach (var service in services)
        {
            if (service["spec"]?["selector"] is not JsonObject selector || selector.Count == 0
                || service["spec"]?["type"]?.GetValue<string>() == "ExternalName" || Meta.IsDeleting(service))
            {
                continue;
            }

            var key = (Meta.Namespace(service), Meta.Name(service));
            wanted.Add(key);
            var subsets = Subsets(service, selector, pods.Where(p => Meta.Namespace(p) == key.Item1));
            existing.TryGetValue(key, out var current);
            if (current is null)
            {
                var body = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Endpoints",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = key.Item2,
                        ["namespace"] = key.Item1,
                        ["labels"] = Labels(service),
                    },
                };
                if (subsets.Count > 0)
                {
                    body["subsets"] = subsets;
                }

                client.Create(client.Endpoints, key.Item1, body, Manager);
            }
            else if (!JsonNode.DeepEquals(current["subsets"] ?? new JsonArray(), subsets))
            {
                client.Patch(client.Endpoints, current, new JsonObject { ["subsets"] = subsets }, Manager);
            }
        }

        foreach (var (key, e) in existing)
        {
            if (!wanted.Contains(key) && e["metadata"]?["labels"]?[ManagedBy]?.GetValue<string>() == Manager)
            {
                client.Delete(client.Endpoints, e);
            }
        }
    }

    private static JsonObject Labels(JsonObject service)
    {
        var labels = service["metadata"]?["labels"]?.DeepClone() as JsonObject ?? new JsonObject();
        labels[ManagedBy] = Manager;
        return labels;
    }

    private static JsonArray Subsets(JsonObject service, JsonObject selector, IEnumerable<JsonObject> pods)
    {
        var groups = new List<(JsonArray Ports, JsonArray Ready, JsonArray NotReady)>();
        foreach (var pod in pods.OrderBy(Meta.Name, StringComparer.Ordinal))
        {
            if (Meta.IsDeleting(pod) || !Matches(selector, pod) || pod["status"]?["podIP"]?.GetValue<string>() is not { Length: > 0 } ip)
            {
                continue;
            }

            var phase = pod["status"]?["phase"]?.GetValue<string>();
            if (phase is "Succeeded" or "Failed")
            {
                continue;
            }

            var ports = Ports(service, pod);
            var address = new JsonObject
            {
                ["ip"] = ip,
                ["targetRef"] = new JsonObject
                {
                    ["kind"] = "Pod",
                    ["namespace"] = Meta.Namespace(pod),
                    ["name"] = Meta.Name(pod),
                    ["uid"] = Meta.Uid(pod),
                },
            };
            if (pod["spec"]?["nodeName"]?.GetValue<string>() is { Length: > 0 } node)
            {
                address["nodeName"] = node;
            }

            var group = groups.FirstOrDefault(g => JsonNode.DeepEquals(g.Ports, ports));
            if (group.Ports is null)
            {
                group = (ports, [], []);
                groups.Add(group);
            }

            (Ready(pod) ? group.Ready : group.NotReady).Add(address);
        }

        var subsets = new JsonArray();
        foreach (var (ports, ready, notReady) in groups)
        {
            var subset = new JsonObject();
            if (ready.Count > 0)
            {
                subset["addresses"] = ready;
            }

            if (notReady.Count > 0)
            {
                subset["notReadyAddresses"] = notReady;
            }

            subset["ports"] = ports;
            subsets.Add(subset);
        }

        return subsets;
    }

    private static JsonArray Ports(JsonObject service, JsonObject pod)
    {
        var ports = new JsonArray();
        foreach (var port in service["spec"]?["ports"] as JsonArray ?? [])
        {
            if (port is not JsonObject p)
            {
                continue;
            }

            var protocol = p["protocol"]?.GetValue<string>() ?? "TCP";
            var number = p["targetPort"] switch
            {
                null => ControllerClient.Long(p["port"]),
                JsonValue v when v.TryGetValue<long>(out var n) => n,
                JsonValue v when v.TryGetValue<string>(out var name) && long.TryParse(name, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
                JsonValue v when v.TryGetValue<string>(out var name) => NamedPort(pod, name, protocol),
                _ => null,
            };
            if (number is not { } resolved)
            {
                continue;
            }

            var endpointPort = new JsonObject();
            if (p["name"]?.GetValue<string>() is { Length: > 0 } portName)
            {
                endpointPort["name"] = portName;
            }

            endpointPort["port"] = resolved;
            endpointPort["protocol"] = protocol;
            ports.Add(endpointPort);
        }

        return ports;
    }

    private static long? NamedPort(JsonObject pod, string name, string protocol)
    {
        foreach (var container in pod["spec"]?["containers"] as JsonArray ?? [])
        {
            foreach (var port in container?["ports"] as JsonArray ?? [])
            {
                if (port?["name"]?.GetValue<string>() == name && (port["protocol"]?.GetValue<string>() ?? "TCP") == protocol)
                {
                    return ControllerClient.Long(port["containerPort"]);
                }
            }
        }

        return null;
    }

    private static bool Matches(JsonObject selector, JsonObject pod)
    {
        var labels = pod["metadata"]?["labels"] as JsonObject;
        return selector.All(s => labels?[s.Key]?.GetValue<string>() == s.Value?.GetValue<string>());
    }

    private static bool Ready(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");
}
