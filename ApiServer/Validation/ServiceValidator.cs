using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>
/// core ValidateService for what users and the operator write: ports (names, numbers, protocols,
/// targetPorts, nodePorts), the type and what it requires, the selector; on update the cluster IP.
/// </summary>
internal static class ServiceValidator
{
    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] Affinities = ["ClientIP", "None"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public static IEnumerable<FieldError> Validate(JsonObject service, JsonObject? old)
    {
        var errors = new List<FieldError>();
        var spec = service["spec"] as JsonObject;
        var type = Json.Str(spec?["type"]) ?? "ClusterIP";
        var clusterIps = ClusterIps(spec);
        var headless = clusterIps.FirstOrDefault() == "None";
        var ports = Json.Items(spec?["ports"]);
        if (ports.Count == 0 && !headless && type != "ExternalName")
        {
            errors.Add(Problems.Required("spec.ports"));
        }

        switch (type)
        {
            case "LoadBalancer" or "NodePort":
                if (headless)
                {
                    errors.Add(Problems.Invalid("spec.clusterIPs[0]", "None", $"may not be set to 'None' for {type} services"));
                }

                break;
            case "ExternalName":
                if (clusterIps.Count > 0)
                {
                    errors.Add(Problems.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
                }

                var cname = (Json.Str(spec?["externalName"]) ?? string.Empty).TrimEnd('.');
                if (cname.Length == 0)
                {
                    errors.Add(Problems.Required("spec.externalName"));
                }
                else
                {
                    errors.AddRange(Formats.Dns1123Subdomain(cname).Select(msg => Problems.Invalid("spec.externalName", cname, msg)));
                }

                break;
            default:
                break;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            errors.AddRange(Port(ports[i], $"spec.ports[{i}]", ports.Count > 1, names));
        }

        errors.AddRange(ObjectMetaValidator.Labels(Json.StringMap(spec?["selector"]), "spec.selector"));
        if (Json.Str(spec?["sessionAffinity"]) is { } affinity && !Affinities.Contains(affinity))
        {
            errors.Add(Problems.NotSupported("spec.sessionAffinity", affinity, Affinities));
        }

        if (!Types.Contains(type))
        {
            errors.Add(Problems.NotSupported("spec.type", type, Types));
        }

        errors.AddRange(NodePorts(type, ports));
        errors.AddRange(Duplicates(ports));
        errors.AddRange(ClusterIpChange(spec, old?["spec"] as JsonObject));
        return errors;
    }

    private static IEnumerable<FieldError> Port(JsonObject port, string path, bool requireName, HashSet<string> names)
    {
        var name = Json.Str(port["name"]) ?? string.Empty;
        if (requireName && name.Length == 0)
        {
            yield return Problems.Required($"{path}.name");
        }
        else if (name.Length > 0)
        {
            foreach (var msg in Formats.Dns1123Label(name))
            {
                yield return Problems.Invalid($"{path}.name", name, msg);
            }

            if (!names.Add(name))
            {
                yield return Problems.Duplicate($"{path}.name", name);
            }
        }

        var number = Json.Int(port["port"]) ?? 0;
        foreach (var msg in Formats.PortNumber(number))
        {
            yield return Problems.Invalid($"{path}.port", number, msg);
        }

        var protocol = Json.Str(port["protocol"]) ?? "TCP";
        if (!Protocols.Contains(protocol))
        {
            yield return Problems.NotSupported($"{path}.protocol", protocol, Protocols);
        }

        // An absent, 0 or "" targetPort is defaulted to the port.
        if (port["targetPort"] is { } target && Json.Int(target) is not 0 && Json.Str(target) is not "")
        {
            foreach (var e in ProbeValidator.PortNumberOrName(target, $"{path}.targetPort"))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<FieldError> NodePorts(string type, IReadOnlyList<JsonObject> ports)
    {
        var seen = new HashSet<(string, long)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var nodePort = Json.Int(ports[i]["nodePort"]) ?? 0;
            if (nodePort == 0)
            {
                continue;
            }

            var path = $"spec.ports[{i}].nodePort";
            if (type == "ClusterIP")
            {
                yield return Problems.Forbidden(path, "may not be used when `type` is 'ClusterIP'");
            }

            // The node-port allocator's answer (kube-apiserver's default --service-node-port-range).
            if (type is "NodePort" or "LoadBalancer" && nodePort is < 30000 or > 32767)
            {
                yield return Problems.Invalid(path, nodePort, "provided port is not in the valid range. The range of valid ports is 30000-32767");
            }

            if (!seen.Add((Json.Str(ports[i]["protocol"]) ?? "TCP", nodePort)))
            {
                yield return Problems.DuplicatePrinted(path, nodePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    // kube-apiserver prints the (protocol, port) key as the whole core.ServicePort struct.
    private static IEnumerable<FieldError> Duplicates(IReadOnlyList<JsonObject> ports)
    {
        var seen = new HashSet<(string, long)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var protocol = Json.Str(ports[i]["protocol"]) ?? "TCP";
            var number = Json.Int(ports[i]["port"]) ?? 0;
            if (!seen.Add((protocol, number)))
            {
                yield return Problems.DuplicatePrinted(
                    $"spec.ports[{i}]",
                    $"core.ServicePort{{Name:\"\", Protocol:{GoText.Quote(protocol)}, AppProtocol:(*string)(nil), Port:{number}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}");
            }
        }
    }

    private static IEnumerable<FieldError> ClusterIpChange(JsonObject? spec, JsonObject? oldSpec)
    {
        if (oldSpec is null || Json.Str(oldSpec["type"]) == "ExternalName" || Json.Str(spec?["type"]) == "ExternalName")
        {
            yield break;
        }

        var oldIp = Json.Str(oldSpec["clusterIP"]);
        var newIp = Json.Str(spec?["clusterIP"]);
        if (oldIp is { Length: > 0 } && newIp is not null && oldIp != newIp)
        {
            yield return Problems.InvalidPrinted("spec.clusterIPs[0]", $"[]string{{{GoText.Quote(newIp)}}}", "may not change once set");
        }
    }

    private static List<string> ClusterIps(JsonObject? spec)
    {
        var list = (spec?["clusterIPs"] as JsonArray)?.Select(Json.Str).OfType<string>().ToList() ?? [];
        if (list.Count == 0 && Json.Str(spec?["clusterIP"]) is { Length: > 0 } ip)
        {
            list.Add(ip);
        }

        return list;
    }
}
