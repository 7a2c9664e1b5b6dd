using YamlDotNet.RepresentationModel;
using static Junction.Crds.YamlNodes;

namespace Junction.Crds;

/// <summary>Schemas of Kubernetes types used in the API, written out as the Kubernetes OpenAPI defines them.</summary>
internal static class KnownSchemas
{
    private const string QuantityPattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    /// <summary>A resource quantity: an integer or a string such as 500m or 128Mi.</summary>
    private static YamlMappingNode Quantity() => Map(
        ("anyOf", Seq([Map(("type", Str("integer"))), Map(("type", Str("string")))])),
        ("pattern", Str(QuantityPattern)),
        ("x-kubernetes-int-or-string", Bool(true)));

    public static YamlMappingNode ResourceRequirements(string? description) => Map(
        ("description", description is null ? null : Str(description)),
        ("type", Str("object")),
        ("properties", Map(
            ("claims", Map(
                ("description", Str("Names of resources, defined in spec.resourceClaims, that the container uses.")),
                ("type", Str("array")),
                ("items", Map(
                    ("type", Str("object")),
                    ("properties", Map(
                        ("name", Map(("description", Str("Name of an entry of pod.spec.resourceClaims.")), ("type", Str("string")))),
                        ("request", Map(("description", Str("A request of the claim; empty means the whole claim.")), ("type", Str("string")))))),
                    ("required", Strings(["name"])))),
                ("x-kubernetes-list-map-keys", Strings(["name"])),
                ("x-kubernetes-list-type", Str("map")))),
            ("limits", Map(
                ("description", Str("The most compute resources the container may use, e.g. cpu: 500m, memory: 128Mi.")),
                ("type", Str("object")),
                ("additionalProperties", Quantity()))),
            ("requests", Map(
                ("description", Str("The compute resources the container is scheduled with; defaults to limits when omitted.")),
                ("type", Str("object")),
                ("additionalProperties", Quantity()))))));

    /// <summary>metav1.Condition, as controller-gen writes it.</summary>
    public static YamlMappingNode Condition() => Map(
        ("description", Str("One aspect of the resource's current state.")),
        ("type", Str("object")),
        ("properties", Map(
            ("lastTransitionTime", Map(
                ("description", Str("When the condition last changed from one status to another.")),
                ("type", Str("string")),
                ("format", Str("date-time")))),
            ("message", Map(
                ("description", Str("A human readable message with details about the transition.")),
                ("type", Str("string")),
                ("maxLength", Int(32768)))),
            ("observedGeneration", Map(
                ("description", Str("The metadata.generation the condition was set for.")),
                ("type", Str("integer")),
                ("format", Str("int64")),
                ("minimum", Int(0)))),
            ("reason", Map(
                ("description", Str("A programmatic identifier, in CamelCase, for the reason of the last transition.")),
                ("type", Str("string")),
                ("maxLength", Int(1024)),
                ("minLength", Int(1)),
                ("pattern", Str("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")))),
            ("status", Map(
                ("description", Str("True, False or Unknown.")),
                ("type", Str("string")),
                ("enum", Strings(["True", "False", "Unknown"])))),
            ("type", Map(
                ("description", Str("The condition type in CamelCase, e.g. Ready.")),
                ("type", Str("string")),
                ("maxLength", Int(316)),
                ("pattern", Str(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")))))),
        ("required", Strings(["lastTransitionTime", "message", "reason", "status", "type"])));
}
