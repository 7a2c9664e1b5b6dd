using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Schema;
using Junction.ApiServer.Schema.Cel;
using Junction.ApiServer.Store;
using Junction.ApiServer.Validation;

namespace Junction.ApiServer.Semantics;

/// <summary>Defaulting and validation on every write, as the registry strategies and the CRD schema would do.</summary>
internal sealed class Admission(int maxConfigMapBytes = ConfigMapValidator.MaxSize)
{
    private readonly ClusterIpAllocator ips = new();
    private readonly NodePortAllocator nodePorts = new();

    public void Admit(ResourceType type, JsonObject obj, JsonObject? old, WriteOptions options, List<string> warnings)
    {
        var name = Meta.Name(obj);
        var errors = new List<FieldError>();
        errors.AddRange(ObjectMetaValidator.Validate(type, obj, create: old is null));

        if (type.IsCustom)
        {
            if (type.Schema is not null)
            {
                var result = SchemaValidator.Run(obj, type.Schema);
                errors.AddRange(result.Errors);
                ReportUnknown(type, result.UnknownFields, options, warnings);
            }

            CelAdmission.Validate(type, obj, old, errors, warnings);
        }
        else
        {
            BuiltinDefaulter.Apply(type.Key, obj, old, ips, nodePorts);
            errors.AddRange(BuiltinValidator.Validate(type, obj, old, maxConfigMapBytes));
            if (type.Key == "customresourcedefinitions.apiextensions.k8s.io")
            {
                errors.AddRange(CrdTypes.Validate(obj));
                errors.AddRange(CelCrdRules.CompileErrors(obj));
            }
        }

        if (errors.Count > 0)
        {
            throw Errors.Invalid(type, name, errors);
        }

        if (type.Key == "services" && obj["spec"]?["clusterIP"]?.GetValue<string>() is { } ip)
        {
            ips.Reserve(ip);
        }
    }

    private static void ReportUnknown(ResourceType type, IReadOnlyList<string> unknown, WriteOptions options, List<string> warnings)
    {
        if (unknown.Count == 0)
        {
            return;
        }

        var texts = unknown.Select(u => $"unknown field \"{u}\"").ToList();
        switch (options.FieldValidation)
        {
            case "Strict":
                throw new ApiException(
                    HttpStatusCode.BadRequest,
                    "BadRequest",
                    $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", texts)}");
            case "Warn":
                warnings.AddRange(texts);
                break;
            default:
                break;
        }
    }
}
