using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>validateProbe and validateHandler: exactly one handler, valid ports, non-negative timings.</summary>
internal static class ProbeValidator
{
    private static readonly string[] Schemes = ["HTTP", "HTTPS"];

    /// <summary>A liveness, readiness or startup probe of a container at <paramref name="path"/>.</summary>
    public static IEnumerable<FieldError> Validate(JsonObject probe, string path, string kind)
    {
        var errors = new List<FieldError>();
        errors.AddRange(Handler(probe, path));
        foreach (var field in new[] { "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold" })
        {
            errors.AddRange(Problems.NonNegative($"{path}.{field}", Json.Int(probe[field])));
        }

        if (Json.Int(probe["terminationGracePeriodSeconds"]) is <= 0 and var grace)
        {
            errors.Add(Problems.Invalid($"{path}.terminationGracePeriodSeconds", grace, "must be greater than 0"));
        }

        // Defaulting makes an absent successThreshold 1, so only an explicit other value is refused.
        var success = Json.Int(probe["successThreshold"]) is null or 0 ? 1 : Json.Int(probe["successThreshold"])!.Value;
        if (kind is "livenessProbe" or "startupProbe" && success != 1)
        {
            errors.Add(Problems.Invalid($"{path}.successThreshold", success, "must be 1"));
        }

        if (kind == "readinessProbe" && Json.Int(probe["terminationGracePeriodSeconds"]) is { } readinessGrace)
        {
            errors.Add(Problems.Invalid($"{path}.terminationGracePeriodSeconds", readinessGrace, "must not be set for readinessProbes"));
        }

        return errors;
    }

    /// <summary>A probe handler or lifecycle hook: one of exec, httpGet, tcpSocket, grpc.</summary>
    public static IEnumerable<FieldError> Handler(JsonObject handler, string path)
    {
        var count = 0;
        foreach (var kind in new[] { "exec", "httpGet", "tcpSocket", "grpc" })
        {
            if (handler[kind] is not JsonObject action)
            {
                continue;
            }

            if (count > 0)
            {
                yield return Problems.Forbidden($"{path}.{kind}", "may not specify more than 1 handler type");
                continue;
            }

            count++;
            foreach (var e in Action(kind, action, $"{path}.{kind}"))
            {
                yield return e;
            }
        }

        if (count == 0)
        {
            yield return Problems.Required(path, "must specify a handler type");
        }
    }

    /// <summary>ValidatePortNumOrName: an int-or-string port is 1-65535 or an IANA_SVC_NAME.</summary>
    public static IEnumerable<FieldError> PortNumberOrName(JsonNode? port, string path)
    {
        if (port?.GetValueKind() == JsonValueKind.String)
        {
            var name = port.GetValue<string>();
            return Formats.PortName(name).Select(msg => Problems.Invalid(path, name, msg));
        }

        var number = Json.Int(port) ?? 0;
        return Formats.PortNumber(number).Select(msg => Problems.Invalid(path, number, msg));
    }

    private static IEnumerable<FieldError> Action(string kind, JsonObject action, string path)
    {
        switch (kind)
        {
            case "exec":
                if (action["command"] is not JsonArray { Count: > 0 })
                {
                    yield return Problems.Required($"{path}.command");
                }

                break;
            case "httpGet":
                foreach (var e in PortNumberOrName(action["port"], $"{path}.port"))
                {
                    yield return e;
                }

                if (Json.Str(action["scheme"]) is { } scheme && !Schemes.Contains(scheme))
                {
                    yield return Problems.NotSupported($"{path}.scheme", scheme, Schemes);
                }

                break;
            case "tcpSocket":
                foreach (var e in PortNumberOrName(action["port"], $"{path}.port"))
                {
                    yield return e;
                }

                break;
            default:
                var number = Json.Int(action["port"]) ?? 0;
                foreach (var msg in Formats.PortNumber(number))
                {
                    yield return Problems.Invalid($"{path}.port", number, msg);
                }

                break;
        }
    }
}
