using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>validateContainerCommon: name, image, ports, pull policy, resources; and for regular containers the probes.</summary>
internal static class ContainerValidator
{
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];

    /// <summary>The checks every container kind shares.</summary>
    public static IEnumerable<FieldError> Common(JsonObject container, string path)
    {
        var errors = new List<FieldError>();
        var name = Json.Str(container["name"]) ?? string.Empty;
        if (name.Length == 0)
        {
            errors.Add(Problems.Required($"{path}.name"));
        }
        else
        {
            errors.AddRange(Formats.Dns1123Label(name).Select(msg => Problems.Invalid($"{path}.name", name, msg)));
        }

        if (string.IsNullOrEmpty(Json.Str(container["image"])))
        {
            errors.Add(Problems.Required($"{path}.image"));
        }

        if (Json.Str(container["terminationMessagePolicy"]) is { } policy && !MessagePolicies.Contains(policy))
        {
            errors.Add(Problems.NotSupported($"{path}.terminationMessagePolicy", policy, MessagePolicies));
        }

        errors.AddRange(Ports(container["ports"], $"{path}.ports"));
        if (Json.Str(container["imagePullPolicy"]) is { } pull && !PullPolicies.Contains(pull))
        {
            errors.AddRange([Problems.NotSupported($"{path}.imagePullPolicy", pull, PullPolicies)]);
        }

        errors.AddRange(ResourceRequirementsValidator.Validate(container["resources"] as JsonObject, $"{path}.resources"));
        return errors;
    }

    /// <summary>The probes of a regular (or restartable init) container.</summary>
    public static IEnumerable<FieldError> Probes(JsonObject container, string path)
    {
        foreach (var kind in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[kind] is JsonObject probe)
            {
                foreach (var e in ProbeValidator.Validate(probe, $"{path}.{kind}", kind))
                {
                    yield return e;
                }
            }
        }
    }

    private static IEnumerable<FieldError> Ports(JsonNode? node, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ports = Json.Items(node);
        for (var i = 0; i < ports.Count; i++)
        {
            var at = $"{path}[{i}]";
            var port = ports[i];
            if (Json.Str(port["name"]) is { Length: > 0 } name)
            {
                var msgs = Formats.PortName(name);
                if (msgs.Count > 0)
                {
                    foreach (var msg in msgs)
                    {
                        yield return Problems.Invalid($"{at}.name", name, msg);
                    }
                }
                else if (!names.Add(name))
                {
                    yield return Problems.Duplicate($"{at}.name", name);
                }
            }

            var number = Json.Int(port["containerPort"]) ?? 0;
            if (number == 0)
            {
                yield return Problems.Required($"{at}.containerPort");
            }
            else
            {
                foreach (var msg in Formats.PortNumber(number))
                {
                    yield return Problems.Invalid($"{at}.containerPort", number, msg);
                }
            }

            if (Json.Int(port["hostPort"]) is { } hostPort and not 0)
            {
                foreach (var msg in Formats.PortNumber(hostPort))
                {
                    yield return Problems.Invalid($"{at}.hostPort", hostPort, msg);
                }
            }

            if (Json.Str(port["protocol"]) is { } protocol && !Protocols.Contains(protocol))
            {
                yield return Problems.NotSupported($"{at}.protocol", protocol, Protocols);
            }
        }
    }
}
