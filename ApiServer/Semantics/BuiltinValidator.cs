using System.Text.Json.Nodes;
using Junction.ApiServer.Schema;
using Junction.ApiServer.Store;
using Junction.ApiServer.Validation;

namespace Junction.ApiServer.Semantics;

/// <summary>
/// The validation of the built-in kinds, as their registry strategies run it: first the typed decoding
/// (a 400 for a value the Go struct cannot hold), then the kind's rules with kube-apiserver's field paths
/// and messages. Metadata is validated for every kind by <see cref="ObjectMetaValidator"/> beforehand.
/// </summary>
internal static class BuiltinValidator
{
    /// <exception cref="ApiException">400: a field holds a value its Go type cannot decode.</exception>
    public static IEnumerable<FieldError> Validate(ResourceType type, JsonObject obj, JsonObject? old, int maxConfigMapBytes = ConfigMapValidator.MaxSize)
    {
        BuiltinSchema.Decode(type.Key, type.Kind, obj);
        return type.Key switch
        {
            "deployments.apps" => DeploymentValidator.Validate(obj, old),
            "services" => ServiceValidator.Validate(obj, old),
            "pods" => PodSpecValidator.Validate(obj["spec"] as JsonObject, "spec"),
            "configmaps" => ConfigMapValidator.Validate(obj, old, maxConfigMapBytes),
            "secrets" => SecretValidator.Validate(obj, old),
            "ingresses.networking.k8s.io" => IngressValidator.Validate(obj),
            "poddisruptionbudgets.policy" => DisruptionBudgetValidator.Validate(obj),
            _ => [],
        };
    }

}
