using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>
/// networking ValidateIngressSpec: a default backend or rules, host names (wildcards only as a leading
/// "*."), paths (pathType required, absolute and clean for Prefix and Exact), backends (exactly one of
/// service and resource, a service port by name or number), TLS hosts and secret names, the class name.
/// </summary>
internal static class IngressValidator
{
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] InvalidSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidSuffixes = ["/..", "/."];

    public static IEnumerable<FieldError> Validate(JsonObject ingress)
    {
        var errors = new List<FieldError>();
        var spec = ingress["spec"] as JsonObject;
        var rules = Json.Items(spec?["rules"]);
        var defaultBackend = spec?["defaultBackend"] as JsonObject;
        if (rules.Count == 0 && defaultBackend is null)
        {
            var shown = spec?["rules"] is JsonArray ? "[]networking.IngressRule{}" : "[]networking.IngressRule(nil)";
            errors.Add(Problems.InvalidPrinted("spec", shown, "either `defaultBackend` or `rules` must be specified"));
        }

        if (defaultBackend is not null)
        {
            errors.AddRange(Backend(defaultBackend, "spec.defaultBackend"));
        }

        for (var i = 0; i < rules.Count; i++)
        {
            errors.AddRange(Rule(rules[i], $"spec.rules[{i}]"));
        }

        var tls = Json.Items(spec?["tls"]);
        for (var t = 0; t < tls.Count; t++)
        {
            var hosts = tls[t]["hosts"] as JsonArray ?? [];
            for (var h = 0; h < hosts.Count; h++)
            {
                var host = Json.Str(hosts[h]) ?? string.Empty;
                var msgs = host.Contains('*', StringComparison.Ordinal) ? Formats.WildcardDns1123Subdomain(host) : Formats.Dns1123Subdomain(host);
                errors.AddRange(msgs.Select(msg => Problems.Invalid($"spec.tls[{t}].hosts[{h}]", host, msg)));
            }

            if (Json.Str(tls[t]["secretName"]) is { Length: > 0 } secret)
            {
                errors.AddRange(Formats.Dns1123Subdomain(secret).Select(msg => Problems.Invalid($"spec.tls[{t}].secretName", secret, msg)));
            }
        }

        if (Json.Str(spec?["ingressClassName"]) is { } className)
        {
            errors.AddRange(Formats.Dns1123Subdomain(className).Select(msg => Problems.Invalid("spec.ingressClassName", className, msg)));
        }

        return errors;
    }

    private static IEnumerable<FieldError> Rule(JsonObject rule, string path)
    {
        if (Json.Str(rule["host"]) is { Length: > 0 } host)
        {
            if (Formats.IsIp(host))
            {
                yield return Problems.Invalid($"{path}.host", host, "must be a DNS name, not an IP address");
            }

            var msgs = host.Contains('*', StringComparison.Ordinal) ? Formats.WildcardDns1123Subdomain(host) : Formats.Dns1123Subdomain(host);
            foreach (var msg in msgs)
            {
                yield return Problems.Invalid($"{path}.host", host, msg);
            }
        }

        if (rule["http"] is not JsonObject http)
        {
            yield break;
        }

        var paths = Json.Items(http["paths"]);
        if (paths.Count == 0)
        {
            yield return Problems.Required($"{path}.http.paths");
        }

        for (var p = 0; p < paths.Count; p++)
        {
            foreach (var e in HttpPath(paths[p], $"{path}.http.paths[{p}]"))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<FieldError> HttpPath(JsonObject httpPath, string path)
    {
        var type = Json.Str(httpPath["pathType"]);
        if (type is null)
        {
            // kube-apiserver stops at a missing pathType: the backend of this path is not looked at.
            yield return Problems.Required($"{path}.pathType", "pathType must be specified");
            yield break;
        }

        var value = Json.Str(httpPath["path"]) ?? string.Empty;
        switch (type)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/'))
                {
                    yield return Problems.Invalid($"{path}.path", value, "must be an absolute path");
                }

                if (value.Length > 0)
                {
                    foreach (var sequence in InvalidSequences.Where(s => value.Contains(s, StringComparison.Ordinal)))
                    {
                        yield return Problems.Invalid($"{path}.path", value, $"must not contain '{sequence}'");
                    }

                    foreach (var suffix in InvalidSuffixes.Where(s => value.EndsWith(s, StringComparison.Ordinal)))
                    {
                        yield return Problems.Invalid($"{path}.path", value, $"cannot end with '{suffix}'");
                    }
                }

                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    yield return Problems.Invalid($"{path}.path", value, "must be an absolute path");
                }

                break;
            default:
                yield return Problems.NotSupported($"{path}.pathType", type, PathTypes);
                break;
        }

        foreach (var e in Backend(httpPath["backend"] as JsonObject ?? [], $"{path}.backend"))
        {
            yield return e;
        }
    }

    private static IEnumerable<FieldError> Backend(JsonObject backend, string path)
    {
        var service = backend["service"] as JsonObject;
        var resource = backend["resource"] as JsonObject;
        if (service is not null && resource is not null)
        {
            yield return Problems.Invalid(path, string.Empty, "cannot set both resource and service backends");
            yield break;
        }

        if (resource is not null)
        {
            foreach (var e in Resource(resource, $"{path}.resource"))
            {
                yield return e;
            }

            yield break;
        }

        if (service is null)
        {
            yield return Problems.Invalid(path, string.Empty, "resource or service backend is required");
            yield break;
        }

        var name = Json.Str(service["name"]) ?? string.Empty;
        if (name.Length == 0)
        {
            yield return Problems.Required($"{path}.service.name");
        }
        else
        {
            foreach (var msg in Formats.Dns1035Label(name))
            {
                yield return Problems.Invalid($"{path}.service.name", name, msg);
            }
        }

        var portName = Json.Str(service["port"]?["name"]) ?? string.Empty;
        var portNumber = Json.Int(service["port"]?["number"]) ?? 0;
        if (portName.Length > 0 && portNumber != 0)
        {
            yield return Problems.Invalid(path, string.Empty, "cannot set both port name & port number");
        }
        else if (portName.Length > 0)
        {
            foreach (var msg in Formats.PortName(portName))
            {
                yield return Problems.Invalid($"{path}.service.port.name", portName, msg);
            }
        }
        else if (portNumber != 0)
        {
            foreach (var msg in Formats.PortNumber(portNumber))
            {
                yield return Problems.Invalid($"{path}.service.port.number", portNumber, msg);
            }
        }
        else
        {
            yield return Problems.Required(path, "port name or number is required");
        }
    }

    private static IEnumerable<FieldError> Resource(JsonObject resource, string path)
    {
        if (Json.Str(resource["apiGroup"]) is { } group)
        {
            foreach (var msg in Formats.Dns1123Subdomain(group))
            {
                yield return Problems.Invalid($"{path}.apiGroup", group, msg);
            }
        }

        foreach (var field in new[] { "kind", "name" })
        {
            var value = Json.Str(resource[field]) ?? string.Empty;
            if (value.Length == 0)
            {
                yield return Problems.Required($"{path}.{field}", $"{field} is required");
                continue;
            }

            foreach (var msg in Formats.PathSegmentName(value))
            {
                yield return Problems.Invalid($"{path}.{field}", value, msg);
            }
        }
    }
}
