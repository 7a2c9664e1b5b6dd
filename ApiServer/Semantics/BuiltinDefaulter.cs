using System.Text.Json.Nodes;

namespace Junction.ApiServer.Semantics;

/// <summary>The defaults kube-apiserver fills in for the built-in kinds, where a client could notice them.</summary>
internal static class BuiltinDefaulter
{
    public static void Apply(string key, JsonObject obj, JsonObject? old, ClusterIpAllocator ips)
    {
        switch (key)
        {
            case "services":
                Service(obj, old, ips);
                break;
            case "deployments.apps":
                Deployment(obj);
                break;
            case "pods":
                PodSpec(Obj(obj, "spec"));
                break;
            case "secrets":
                Secret(obj);
                break;
            case "namespaces":
                Obj(obj, "spec")["finalizers"] ??= new JsonArray("kubernetes");
                // The namespace strategy always sets this label, so namespaceSelectors can name a namespace.
                Obj(Obj(obj, "metadata"), "labels")["kubernetes.io/metadata.name"] = obj["metadata"]?["name"]?.DeepClone();
                break;
            case "replicasets.apps":
                Obj(obj, "spec")["replicas"] ??= 1;
                PodSpec(Obj(Obj(Obj(obj, "spec"), "template"), "spec"));
                break;
            case "jobs.batch":
                Job(Obj(obj, "spec"));
                break;
            case "cronjobs.batch":
                CronJob(Obj(obj, "spec"));
                break;
            case "ingressclasses":
                break;
            default:
                break;
        }
    }

    private static void Service(JsonObject svc, JsonObject? old, ClusterIpAllocator ips)
    {
        var spec = Obj(svc, "spec");
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        var oldIp = old?["spec"]?["clusterIP"]?.GetValue<string>();
        if (spec["clusterIP"] is null && oldIp is not null)
        {
            spec["clusterIP"] = oldIp;
        }

        if (spec["type"]?.GetValue<string>() != "ExternalName")
        {
            if (spec["clusterIP"] is null || spec["clusterIP"]!.GetValue<string>().Length == 0)
            {
                spec["clusterIP"] = ips.Allocate();
            }

            spec["clusterIPs"] ??= new JsonArray(spec["clusterIP"]!.GetValue<string>());
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
            spec["internalTrafficPolicy"] ??= "Cluster";
        }

        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
                port["targetPort"] ??= port["port"]?.DeepClone();
            }
        }

        svc["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    private static void Deployment(JsonObject deploy)
    {
        var spec = Obj(deploy, "spec");
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        if (spec["strategy"] is not JsonObject strategy)
        {
            strategy = new JsonObject();
            spec["strategy"] = strategy;
        }

        strategy["type"] ??= "RollingUpdate";
        if (strategy["type"]?.GetValue<string>() == "RollingUpdate")
        {
            var rolling = Obj(strategy, "rollingUpdate");
            rolling["maxUnavailable"] ??= "25%";
            rolling["maxSurge"] ??= "25%";
        }

        if (spec["template"] is JsonObject template)
        {
            PodSpec(Obj(template, "spec"));
        }
    }

    private static void Job(JsonObject spec)
    {
        spec["parallelism"] ??= 1;
        spec["completions"] ??= 1;
        spec["backoffLimit"] ??= 6;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        spec["podReplacementPolicy"] ??= "TerminatingOrFailed";
        var template = Obj(Obj(spec, "template"), "spec");
        template["restartPolicy"] ??= "Never";
        PodSpec(template);
    }

    private static void CronJob(JsonObject spec)
    {
        spec["concurrencyPolicy"] ??= "Allow";
        spec["suspend"] ??= false;
        spec["successfulJobsHistoryLimit"] ??= 3;
        spec["failedJobsHistoryLimit"] ??= 1;
        if (spec["jobTemplate"] is JsonObject jobTemplate)
        {
            Job(Obj(jobTemplate, "spec"));
        }
    }

    private static void PodSpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (spec[list] is JsonArray containers)
            {
                foreach (var c in containers.OfType<JsonObject>())
                {
                    Container(c);
                }
            }
        }
    }

    private static void Container(JsonObject c)
    {
        c["terminationMessagePath"] ??= "/dev/termination-log";
        c["terminationMessagePolicy"] ??= "File";
        c["resources"] ??= new JsonObject();
        var image = c["image"]?.GetValue<string>() ?? string.Empty;
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        c["imagePullPolicy"] ??= !lastSegment.Contains(':', StringComparison.Ordinal) || lastSegment.EndsWith(":latest", StringComparison.Ordinal) ? "Always" : "IfNotPresent";
        if (c["ports"] is JsonArray ports)
        {
            foreach (var p in ports.OfType<JsonObject>())
            {
                p["protocol"] ??= "TCP";
            }
        }
    }

    private static void Secret(JsonObject secret)
    {
        secret["type"] ??= "Opaque";
        if (secret["stringData"] is JsonObject stringData)
        {
            var data = Obj(secret, "data");
            foreach (var (k, v) in stringData)
            {
                data[k] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(v?.GetValue<string>() ?? string.Empty));
            }

            secret.Remove("stringData");
        }
    }

    private static JsonObject Obj(JsonObject parent, string field)
    {
        if (parent[field] is JsonObject o)
        {
            return o;
        }

        var created = new JsonObject();
        parent[field] = created;
        return created;
    }
}
