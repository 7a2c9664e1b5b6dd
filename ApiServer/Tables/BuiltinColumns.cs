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
            Name, Text("Type", "spec.type"), new("Cluster-IP", "string", string.Empty, "Cluster IP", 0, (o, _) => Or(Meta.PathValue(o, "spec.clusterIP"))),
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
        "serviceaccounts" => [Name, new("Secrets", "string", string.Empty, "Secrets", 0, (o, _) => Count(o["secrets"])), Age],
        "endpoints" => [Name, new("Endpoints", "string", string.Empty, "Endpoints", 0, (o, _) => EndpointList(o)), Age],
        "configmaps" => [Name, new("Data", "integer", string.Empty, "Data entries", 0, (o, _) => Count(o["data"]) + Count(o["binaryData"])), Age],
        "secrets" => [Name, Text("Type", "type"), new("Data", "integer", string.Empty, "Data entries", 0, (o, _) => Count(o["data"])), Age],
        "pods" =>
        [
            Name,
            new("Ready", "string", string.Empty, "The aggregate readiness state of this pod for accepting traffic.", 0, (o, _) => PodReady(o)),
            new("Status", "string", string.Empty, "The aggregate status of the containers in this pod.", 0, (o, _) => PodStatus(o)),
            new("Restarts", "string", string.Empty, "The number of times the containers in this pod have been restarted.", 0, (o, _) => Statuses(o).Sum(c => c["restartCount"]?.Long() ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Age,
            new("IP", "string", string.Empty, "IP address allocated to the pod.", 1, (o, _) => Or(Meta.PathValue(o, "status.podIP"))),
            new("Node", "string", string.Empty, "Name of the Node this pod is assigned to.", 1, (o, _) => Or(Meta.PathValue(o, "spec.nodeName"))),
        ],
        "replicasets.apps" =>
        [
            Name,
            new("Desired", "integer", string.Empty, "Number of desired pods.", 0, (o, _) => Num(o, "spec.replicas")),
            new("Current", "integer", string.Empty, "Number of actual pods.", 0, (o, _) => Num(o, "status.replicas")),
            new("Ready", "integer", string.Empty, "Number of ready pods.", 0, (o, _) => Num(o, "status.readyReplicas")),
            Age,
        ],
        "jobs.batch" =>
        [
            Name,
            new("Status", "string", string.Empty, "Status of the job.", 0, (o, _) => JobStatus(o)),
            new("Completions", "string", string.Empty, "The desired number of successfully finished pods the job should be run with.", 0, (o, _) => $"{Num(o, "status.succeeded")}/{Num(o, "spec.completions")}"),
            new("Duration", "string", string.Empty, "Time required to complete the job.", 0, (o, now) => HumanDuration.Since(Meta.PathValue(o, "status.startTime"), Meta.PathValue(o, "status.completionTime") is { Length: > 0 } done ? DateTimeOffset.Parse(done, System.Globalization.CultureInfo.InvariantCulture) : now)),
            Age,
        ],
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
        "roles.rbac.authorization.k8s.io" or "clusterroles.rbac.authorization.k8s.io" or "limitranges" => [Name, CreatedAt],
        "rolebindings.rbac.authorization.k8s.io" or "clusterrolebindings.rbac.authorization.k8s.io" =>
        [
            Name,
            new("Role", "string", string.Empty, "Role", 0, (o, _) => $"{Meta.PathValue(o, "roleRef.kind")}/{Meta.PathValue(o, "roleRef.name")}"),
            Age,
            new("Users", "string", string.Empty, "Users in the roleBinding", 1, (o, _) => Subjects(o, "User")),
            new("Groups", "string", string.Empty, "Groups in the roleBinding", 1, (o, _) => Subjects(o, "Group")),
            new("ServiceAccounts", "string", string.Empty, "ServiceAccounts in the roleBinding", 1, (o, _) => Subjects(o, "ServiceAccount")),
        ],
        "priorityclasses.scheduling.k8s.io" =>
        [
            Name,
            new("Value", "integer", string.Empty, "Value is the integer value of this priority class.", 0, (o, _) => Num(o, "value")),
            new("Global-Default", "boolean", string.Empty, "globalDefault specifies whether this PriorityClass should be considered as the default priority.", 0, (o, _) => o["globalDefault"]?.GetValue<bool>() ?? false),
            Age,
            Text("PreemptionPolicy", "preemptionPolicy"),
        ],
        "resourcequotas" =>
        [
            Name, Age,
            new("Request", "string", string.Empty, "Request represents a minimum amount of cpu/memory that a container may consume.", 0, (o, _) => Quota(o, limits: false)),
            new("Limit", "string", string.Empty, "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.", 0, (o, _) => Quota(o, limits: true)),
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

    private static TableColumn CreatedAt { get; } = new("Created At", "date", string.Empty, "Creation time", 0, (o, _) => Meta.Str(o, "creationTimestamp"));

    private static TableColumn Text(string name, string path) => new(name, "string", string.Empty, name, 0, (o, _) => Meta.PathValue(o, path));

    private static long Num(JsonObject o, string path) => long.TryParse(Meta.PathValue(o, path), out var n) ? n : 0;

    private static string Or(string value) => value.Length == 0 ? "<none>" : value;

    private static IEnumerable<JsonObject> Statuses(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>() ?? [];

    // As kube-apiserver prints it: native sidecars (init containers with restartPolicy Always) count as
    // containers, ready once started and ready.
    private static string PodReady(JsonObject pod)
    {
        var sidecars = ((pod["spec"]?["initContainers"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Where(c => c["restartPolicy"]?.GetValue<string>() == "Always")
            .Select(c => c["name"]?.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
        var total = ((pod["spec"]?["containers"] as JsonArray)?.Count ?? 0) + sidecars.Count;
        var readySidecars = ((pod["status"]?["initContainerStatuses"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Count(c => sidecars.Contains(c["name"]?.GetValue<string>()) && c["started"]?.GetValue<bool>() == true && c["ready"]?.GetValue<bool>() == true);
        return $"{Statuses(pod).Count(c => c["ready"]?.GetValue<bool>() == true) + readySidecars}/{total}";
    }

    // kubectl's STATUS: a waiting or terminated container's reason wins over the phase.
    private static string PodStatus(JsonObject pod)
    {
        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        // As kube-apiserver's printPod: the first container with a waiting or terminated reason
        // (Completed for a finished Job pod), else a terminated one's signal or exit code, else the phase.
        foreach (var state in Statuses(pod).Select(c => c["state"]))
        {
            if (state?["waiting"]?["reason"]?.GetValue<string>() is { Length: > 0 } waiting)
            {
                return waiting;
            }

            if (state?["terminated"] is JsonObject terminated)
            {
                return terminated["reason"]?.GetValue<string>() is { Length: > 0 } done
                    ? done
                    : terminated["signal"]?.GetValue<int>() is { } signal and not 0
                        ? "Signal:" + signal.ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : "ExitCode:" + (terminated["exitCode"]?.GetValue<int>() ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return Or(Meta.PathValue(pod, "status.phase"));
    }

    private static string JobStatus(JsonObject job)
    {
        var conditions = (job["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Where(c => c["status"]?.GetValue<string>() == "True").Select(c => c["type"]?.GetValue<string>()).ToList() ?? [];
        return conditions.Contains("Complete") ? "Complete" : conditions.Contains("Failed") ? "Failed" : "Running";
    }

    private static int Count(JsonNode? node) => node switch { JsonObject o => o.Count, JsonArray a => a.Count, _ => 0 };

    private static string Join(IEnumerable<string?>? values, string empty)
    {
        var list = values?.Select(v => v ?? "*").ToList() ?? [];
        return list.Count == 0 ? empty : string.Join(",", list);
    }

    /// <summary>A binding's subjects of one kind, as kube-apiserver prints them (ServiceAccounts as namespace/name).</summary>
    private static string Subjects(JsonObject binding, string kind) =>
        string.Join(", ", (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => s["kind"]?.GetValue<string>() == kind)
            .Select(s => kind == "ServiceAccount" ? $"{s["namespace"]?.GetValue<string>()}/{s["name"]?.GetValue<string>()}" : s["name"]?.GetValue<string>()));

    /// <summary>
    /// "resource: used/hard" for each resource in status.hard (what the quota controller last wrote, as kube-apiserver
    /// prints it), requests and limits apart, sorted by name.
    /// </summary>
    private static string Quota(JsonObject quota, bool limits)
    {
        var hard = quota["status"]?["hard"] as JsonObject ?? [];
        var used = quota["status"]?["used"] as JsonObject;
        return string.Join(", ", hard.Where(kv => kv.Key.StartsWith("limits.", StringComparison.Ordinal) == limits)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}: {used?[kv.Key]?.ToString() ?? "0"}/{kv.Value}"));
    }

    private static string ExternalIps(JsonObject svc)
    {
        var lb = (svc["status"]?["loadBalancer"]?["ingress"] as JsonArray)?.Select(i => i?["ip"]?.GetValue<string>() ?? i?["hostname"]?.GetValue<string>()).ToList();
        if (lb is { Count: > 0 })
        {
            return string.Join(",", lb);
        }

        var type = svc["spec"]?["type"]?.GetValue<string>();
        if (type == "ExternalName")
        {
            return Or(Meta.PathValue(svc, "spec.externalName"));
        }

        var external = (svc["spec"]?["externalIPs"] as JsonArray)?.Select(i => i?.GetValue<string>()).OfType<string>().ToList() ?? [];
        return external.Count > 0 ? string.Join(",", external) : type == "LoadBalancer" ? "<pending>" : "<none>";
    }

    // As kubectl's printer: ip:port for each address and port, the first three, then "+ N more...".
    private static string EndpointList(JsonObject endpoints)
    {
        var all = new List<string>();
        foreach (var subset in endpoints["subsets"] as JsonArray ?? [])
        {
            var ports = (subset?["ports"] as JsonArray)?.Select(p => p?["port"]?.ToJsonString()).OfType<string>().ToList() ?? [];
            foreach (var address in subset?["addresses"] as JsonArray ?? [])
            {
                var ip = address?["ip"]?.GetValue<string>() ?? string.Empty;
                all.AddRange(ports.Count == 0 ? [ip] : ports.Select(p => $"{ip}:{p}"));
            }
        }

        return all.Count switch
        {
            0 => "<none>",
            <= 3 => string.Join(",", all),
            _ => $"{string.Join(",", all.Take(3))} + {(all.Count - 3).ToString(System.Globalization.CultureInfo.InvariantCulture)} more...",
        };
    }

    private static string Ports(JsonObject svc)
    {
        var ports = (svc["spec"]?["ports"] as JsonArray)?.OfType<JsonObject>()
            .Select(p => $"{p["port"]}{(p["nodePort"] is JsonNode n ? ":" + n : string.Empty)}/{p["protocol"]?.GetValue<string>() ?? "TCP"}").ToList();
        return ports is { Count: > 0 } ? string.Join(",", ports) : "<none>";
    }
}
