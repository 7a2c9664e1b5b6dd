using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema;

/// <summary>
/// The typed shape of the built-in fields a controller reads (Service ports, container ports and
/// resources, Ingress paths and backends): a value its Go types cannot hold is refused as kube-apiserver's
/// 400 decoding error before any validation, so a client that decodes into typed models never meets it.
/// Range and format rules are the validators' (Junction.ApiServer.Validation), worded as 422 field errors.
/// </summary>
internal static partial class BuiltinSchema
{
    private const string QuantityText = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>Refuses a built-in object of store key <paramref name="key"/> whose fields its Go struct cannot decode.</summary>
    /// <exception cref="ApiException">400: a field holds a value of a type its Go struct cannot decode.</exception>
    public static void Decode(string key, string kind, JsonObject obj)
    {
        var check = new Checker(kind);
        switch (key)
        {
            case "services":
                check.ServiceSpec(obj["spec"] as JsonObject);
                break;
            case "pods":
                check.PodSpec(obj["spec"] as JsonObject);
                break;
            case "deployments.apps":
                check.PodSpec(obj["spec"]?["template"]?["spec"] as JsonObject);
                break;
            case "ingresses.networking.k8s.io":
                check.IngressSpec(obj["spec"] as JsonObject);
                break;
            default:
                break;
        }
    }

    [GeneratedRegex(@"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    private sealed class Checker(string kind)
    {
        public void ServiceSpec(JsonObject? spec)
        {
            if (spec?["ports"] is not JsonArray ports)
            {
                return;
            }

            foreach (var port in ports.OfType<JsonObject>())
            {
                Int32(port["port"], "ServicePort.spec.ports.port");
                Int32(port["nodePort"], "ServicePort.spec.ports.nodePort");
                if (port["targetPort"] is { } target && target.GetValueKind() != JsonValueKind.String)
                {
                    Int32(target, "ServicePort.spec.ports.targetPort");
                }

                Text(port["name"], "ServicePort.spec.ports.name");
                Text(port["protocol"], "ServicePort.spec.ports.protocol");
            }
        }

        public void PodSpec(JsonObject? spec)
        {
            foreach (var list in new[] { "initContainers", "containers" })
            {
                if (spec?[list] is not JsonArray containers)
                {
                    continue;
                }

                foreach (var container in containers.OfType<JsonObject>())
                {
                    Container(container);
                }
            }
        }

        public void IngressSpec(JsonObject? spec)
        {
            if (spec?["defaultBackend"] is JsonObject defaultBackend)
            {
                Backend(defaultBackend);
            }

            if (spec?["rules"] is not JsonArray rules)
            {
                return;
            }

            foreach (var rule in rules)
            {
                if (rule?["http"]?["paths"] is not JsonArray paths)
                {
                    continue;
                }

                foreach (var path in paths.OfType<JsonObject>())
                {
                    Text(path["pathType"], "HTTPIngressPath.spec.rules.http.paths.pathType");
                    Text(path["path"], "HTTPIngressPath.spec.rules.http.paths.path");
                    if (path["backend"] is JsonObject backend)
                    {
                        Backend(backend);
                    }
                }
            }
        }

        private void Container(JsonObject container)
        {
            if (container["ports"] is JsonArray ports)
            {
                foreach (var port in ports)
                {
                    Int32(port?["containerPort"], "ContainerPort.spec.containers.ports.containerPort");
                }
            }

            foreach (var group in new[] { "limits", "requests" })
            {
                if (container["resources"]?[group] is not JsonObject quantities)
                {
                    continue;
                }

                foreach (var (_, value) in quantities)
                {
                    QuantityValue(value);
                }
            }
        }

        private void Backend(JsonObject backend)
        {
            if (backend["service"] is not JsonObject service)
            {
                return;
            }

            Text(service["name"], "IngressServiceBackend.spec.rules.http.paths.backend.service.name");
            if (service["port"] is JsonObject port)
            {
                Int32(port["number"], "ServiceBackendPort.spec.rules.http.paths.backend.service.port.number");
                Text(port["name"], "ServiceBackendPort.spec.rules.http.paths.backend.service.port.name");
            }
        }

        private void QuantityValue(JsonNode? value)
        {
            var text = value?.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                null => null,
                _ => throw Undecodable(QuantityText),
            };
            if (text is not null && (!BuiltinSchema.Quantity().IsMatch(text) || Validation.Quantity.Parse(text) is null || TooLarge(text)))
            {
                throw Undecodable(QuantityText);
            }
        }

        private void Int32(JsonNode? value, string goField)
        {
            if (value is null || (value.GetValueKind() == JsonValueKind.Number && int.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            {
                return;
            }

            var shown = value.GetValueKind() == JsonValueKind.Number ? $"number {value.ToJsonString()}" : KindName(value);
            throw Undecodable($"json: cannot unmarshal {shown} into Go struct field {goField} of type int32");
        }

        private void Text(JsonNode? value, string goField)
        {
            if (value is not null && value.GetValueKind() != JsonValueKind.String)
            {
                throw Undecodable($"json: cannot unmarshal {KindName(value)} into Go struct field {goField} of type string");
            }
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

        // A quantity beyond what a float64 can hold (such as 1e309) is refused by resource.ParseQuantity.
        private static bool TooLarge(string text)
        {
            var end = text.Length;
            while (end > 0 && char.IsAsciiLetter(text[end - 1]) && !(text[end - 1] is 'e' or 'E' && end < text.Length))
            {
                end--;
            }

            var number = text[..end].Length == 0 ? text : text[..end];
            return !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsInfinity(d);
        }
    }
}
