using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema;

/// <summary>
/// The typed shape and the validation of the built-in fields a controller reads (Service ports, container
/// ports and resources, Ingress paths and backends), with kube-apiserver's field paths and messages: a
/// value its Go types cannot hold is a 400 decoding error, a value out of range is a field error (422).
/// Without this a client that decodes into typed models fails on the object, and with it its whole list.
/// </summary>
internal static partial class BuiltinSchema
{
    private const string PortRange = "must be between 1 and 65535, inclusive";
    private const string QuantityText = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];

    /// <summary>The field errors of a built-in object of store key <paramref name="key"/>.</summary>
    /// <exception cref="ApiException">400: a field holds a value of a type its Go struct cannot decode.</exception>
    public static IReadOnlyList<FieldError> Validate(string key, string kind, JsonObject obj)
    {
        var check = new Checker(kind);
        switch (key)
        {
            case "services":
                check.ServiceSpec(obj["spec"] as JsonObject);
                break;
            case "pods":
                check.PodSpec(obj["spec"] as JsonObject, "spec");
                break;
            case "deployments.apps":
                check.PodSpec(obj["spec"]?["template"]?["spec"] as JsonObject, "spec.template.spec");
                break;
            case "ingresses.networking.k8s.io":
                check.IngressSpec(obj["spec"] as JsonObject);
                break;
            default:
                break;
        }

        return check.Errors;
    }

    [GeneratedRegex(@"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();


    private sealed class Checker(string kind)
    {
        public List<FieldError> Errors { get; } = [];

        public void ServiceSpec(JsonObject? spec)
        {
            if (spec?["ports"] is not JsonArray ports)
            {
                return;
            }

            for (var i = 0; i < ports.Count; i++)
            {
                var path = $"spec.ports[{i}]";
                if (ports[i] is not JsonObject port)
                {
                    continue;
                }

                Port(port["port"], $"{path}.port", "ServicePort.spec.ports.port", required: true);
                Port(port["nodePort"], $"{path}.nodePort", "ServicePort.spec.ports.nodePort", required: false);
                TargetPort(port["targetPort"], $"{path}.targetPort");
                PortName(port["name"], $"{path}.name", "ServicePort.spec.ports.name", required: ports.Count > 1);
                Protocol(port["protocol"], $"{path}.protocol");
            }
        }

        public void PodSpec(JsonObject? spec, string path)
        {
            foreach (var list in new[] { "initContainers", "containers" })
            {
                if (spec?[list] is not JsonArray containers)
                {
                    continue;
                }

                for (var i = 0; i < containers.Count; i++)
                {
                    if (containers[i] is JsonObject container)
                    {
                        Container(container, $"{path}.{list}[{i}]");
                    }
                }
            }
        }

        public void IngressSpec(JsonObject? spec)
        {
            if (spec?["defaultBackend"] is JsonObject defaultBackend)
            {
                Backend(defaultBackend, "spec.defaultBackend");
            }

            if (spec?["rules"] is not JsonArray rules)
            {
                return;
            }

            for (var r = 0; r < rules.Count; r++)
            {
                if (rules[r]?["http"]?["paths"] is not JsonArray paths)
                {
                    continue;
                }

                for (var p = 0; p < paths.Count; p++)
                {
                    if (paths[p] is JsonObject path)
                    {
                        IngressPath(path, $"spec.rules[{r}].http.paths[{p}]");
                    }
                }
            }
        }

        private void Container(JsonObject container, string path)
        {
            if (container["ports"] is JsonArray ports)
            {
                for (var i = 0; i < ports.Count; i++)
                {
                    Port(ports[i]?["containerPort"], $"{path}.ports[{i}].containerPort", "ContainerPort.spec.containers.ports.containerPort", required: true);
                }
            }

            foreach (var group in new[] { "limits", "requests" })
            {
                if (container["resources"]?[group] is not JsonObject quantities)
                {
                    continue;
                }

                foreach (var (name, value) in quantities)
                {
                    Quantity(value, $"{path}.resources.{group}[{name}]");
                }
            }
        }

        private void IngressPath(JsonObject path, string at)
        {
            var type = Text(path["pathType"], "HTTPIngressPath.spec.rules.http.paths.pathType");
            var value = Text(path["path"], "HTTPIngressPath.spec.rules.http.paths.path");
            if (type is null)
            {
                Errors.Add(new FieldError($"{at}.pathType", "FieldValueRequired", "Required value: pathType must be specified"));
            }
            else if (!PathTypes.Contains(type))
            {
                Errors.Add(FieldError.NotSupported($"{at}.pathType", Quote(type), PathTypes));
            }
            else if (type is "Exact" or "Prefix" && !(value ?? string.Empty).StartsWith('/'))
            {
                Errors.Add(FieldError.Invalid($"{at}.path", Quote(value ?? string.Empty), "must be an absolute path"));
            }

            if (path["backend"] is JsonObject backend)
            {
                Backend(backend, $"{at}.backend");
            }
            else
            {
                Errors.Add(FieldError.Required($"{at}.backend"));
            }
        }

        private void Backend(JsonObject backend, string path)
        {
            if (backend["service"] is not JsonObject service)
            {
                return;
            }

            if (Text(service["name"], "IngressServiceBackend.spec.rules.http.paths.backend.service.name") is { } name && !DnsLabels.IsDns1035Label(name))
            {
                Errors.Add(FieldError.Invalid($"{path}.service.name", Quote(name), DnsLabels.Dns1035Text));
            }

            if (service["port"] is JsonObject port)
            {
                Port(port["number"], $"{path}.service.port.number", "ServiceBackendPort.spec.rules.http.paths.backend.service.port.number", required: false);
                PortName(port["name"], $"{path}.service.port.name", "ServiceBackendPort.spec.rules.http.paths.backend.service.port.name", required: false);
            }
        }

        private void Port(JsonNode? value, string path, string goField, bool required)
        {
            if (value is null)
            {
                if (required)
                {
                    Errors.Add(FieldError.Required(path));
                }

                return;
            }

            var number = Int32(value, goField);
            if (number is < 0 or > 65535 || (number == 0 && required))
            {
                Errors.Add(FieldError.Invalid(path, number.ToString(CultureInfo.InvariantCulture), PortRange));
            }
        }

        private void TargetPort(JsonNode? value, string path)
        {
            if (value is null)
            {
                return;
            }

            if (value.GetValueKind() == JsonValueKind.String)
            {
                var name = value.GetValue<string>();
                if (name.Length == 0 || name.Length > 15 || !DnsLabels.IsLabel(name) || !name.Any(char.IsAsciiLetter))
                {
                    Errors.Add(FieldError.Invalid(path, Quote(name), "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), contain at least one letter (a-z), be no more than 15 characters, and not start or end with a hyphen"));
                }

                return;
            }

            var number = Int32(value, "ServicePort.spec.ports.targetPort");
            if (number is < 1 or > 65535)
            {
                Errors.Add(FieldError.Invalid(path, number.ToString(CultureInfo.InvariantCulture), PortRange));
            }
        }

        private void PortName(JsonNode? value, string path, string goField, bool required)
        {
            var name = Text(value, goField);
            if (string.IsNullOrEmpty(name))
            {
                if (required)
                {
                    Errors.Add(FieldError.Required(path));
                }

                return;
            }

            if (!DnsLabels.IsLabel(name))
            {
                Errors.Add(FieldError.Invalid(path, Quote(name), DnsLabels.LabelText));
            }
        }

        private void Protocol(JsonNode? value, string path)
        {
            if (Text(value, "ServicePort.spec.ports.protocol") is { } protocol && !Protocols.Contains(protocol))
            {
                Errors.Add(FieldError.NotSupported(path, Quote(protocol), Protocols));
            }
        }

        private void Quantity(JsonNode? value, string path)
        {
            var text = value?.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                null => null,
                _ => throw Undecodable(QuantityText),
            };
            if (text is null)
            {
                return;
            }

            if (!BuiltinSchema.Quantity().IsMatch(text) || !double.TryParse(QuantityNumber(text), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsInfinity(number))
            {
                throw Undecodable(QuantityText);
            }

            if (number < 0)
            {
                Errors.Add(FieldError.Invalid(path, Quote(text), "must be greater than or equal to 0"));
            }
        }

        private int Int32(JsonNode value, string goField)
        {
            if (value.GetValueKind() == JsonValueKind.Number && int.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            var shown = value.GetValueKind() == JsonValueKind.Number ? $"number {value.ToJsonString()}" : KindName(value);
            throw Undecodable($"json: cannot unmarshal {shown} into Go struct field {goField} of type int32");
        }

        private string? Text(JsonNode? value, string goField)
        {
            if (value is null)
            {
                return null;
            }

            return value.GetValueKind() == JsonValueKind.String
                ? value.GetValue<string>()
                : throw Undecodable($"json: cannot unmarshal {KindName(value)} into Go struct field {goField} of type string");
        }

        private ApiException Undecodable(string why) =>
            new(HttpStatusCode.BadRequest, "BadRequest", $"{kind} in version \"v1\" cannot be handled as a {kind}: {why}");

        private static string KindName(JsonNode value) => value.GetValueKind() switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "number",
        };

        private static string Quote(string text) => JsonSerializer.Serialize(text);

        // The mantissa and decimal exponent of a quantity, so its sign and size can be judged.
        private static string QuantityNumber(string text)
        {
            var end = text.Length;
            while (end > 0 && char.IsAsciiLetter(text[end - 1]) && !(text[end - 1] is 'e' or 'E' && end < text.Length))
            {
                end--;
            }

            return text[..end].Length == 0 ? text : text[..end];
        }
    }
}
