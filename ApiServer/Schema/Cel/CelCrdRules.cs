using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>Compiles a CustomResourceDefinition's rules when it is written: a rule that does not compile refuses the CRD.</summary>
internal static class CelCrdRules
{
    /// <summary>
    /// Compile errors with kube-apiserver's paths. Identical per-version schemas are reported under
    /// <c>spec.validation.openAPIV3Schema</c>, as the internal version it validates holds them there.
    /// </summary>
    public static IReadOnlyList<FieldError> CompileErrors(JsonObject crd)
    {
        var errors = new List<FieldError>();
        if (crd["spec"]?["versions"] is not JsonArray versions)
        {
            return errors;
        }

        var schemas = versions.Select(v => v?["schema"]?["openAPIV3Schema"] as JsonObject).ToList();
        var shared = schemas.Count > 0 && schemas.All(s => JsonNode.DeepEquals(s, schemas[0]));
        for (var i = 0; i < schemas.Count; i++)
        {
            if (schemas[i] is { } schema)
            {
                CelValidator.Compile(schema, shared ? "spec.validation.openAPIV3Schema" : $"spec.versions[{i}].schema.openAPIV3Schema", errors);
            }

            if (shared)
            {
                break;
            }
        }

        return errors;
    }

    /// <summary>The validator a served version uses; compiled once when the CRD is stored.</summary>
    public static CelValidator? Validator(JsonObject? schema) => schema is null ? null : CelValidator.Compile(schema, string.Empty, []);
}
