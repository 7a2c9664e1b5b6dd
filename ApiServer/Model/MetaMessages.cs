using static Junction.ApiServer.Model.FieldTable;

namespace Junction.ApiServer.Model;

/// <summary>meta/v1 and runtime messages (k8s.io/apimachinery generated.proto numbers).</summary>
internal static class MetaMessages
{
    public static IEnumerable<MessageModel> All { get; } =
    [
        M(Meta + "ObjectMeta", "Standard object metadata: name, namespace, labels, annotations and what the server records.",
            Str("name", 1, "Name, unique within a namespace; required unless generateName is set."),
            Str("generateName", 2, "Prefix the server uses to generate a unique name when name is empty."),
            Str("namespace", 3, "The namespace of a namespaced object; empty means the request's namespace."),
            Str("selfLink", 4, "Deprecated; always empty."),
            Str("uid", 5, "Unique in time and space, set by the server."),
            Str("resourceVersion", 6, "Opaque version for optimistic concurrency and watches."),
            I64("generation", 7, "Sequence number of the desired state, set by the server."),
            Time("creationTimestamp", 8, "When the server created the object (RFC 3339)."),
            Time("deletionTimestamp", 9, "When the object will be deleted; set by the server on a graceful delete."),
            PtrI64("deletionGracePeriodSeconds", 10, "Seconds allowed for graceful termination."),
            StrMap("labels", 11, "Key/value pairs for selecting and grouping objects."),
            StrMap("annotations", 12, "Unstructured key/value data for tools."),
            List("ownerReferences", 13, Meta + "OwnerReference", "Objects this object depends on; deleting them collects it."),
            Strs("finalizers", 14, "Entries that must be removed before the object is deleted."),
            List("managedFields", 17, Meta + "ManagedFieldsEntry", "Which manager owns which fields (server-side apply).")),
        M(Meta + "OwnerReference", "Identifies an owning object.",
            ReqStr("apiVersion", 5), ReqStr("kind", 1), ReqStr("name", 3), ReqStr("uid", 4),
            PtrBool("controller", 6, "True when the owner is the managing controller."),
            PtrBool("blockOwnerDeletion", 7, "Foreground deletion of the owner waits for this object.")),
        M(Meta + "ManagedFieldsEntry", "The fields one manager owns, from one operation.",
            Str("manager", 1), Str("operation", 2, "Apply or Update."), Str("apiVersion", 3), Time("time", 4),
            Str("fieldsType", 6, "Always FieldsV1."), Raw("fieldsV1", 7, "The owned field set."), Str("subresource", 8)),
        M(Meta + "LabelSelector", "A label query: matchLabels and matchExpressions are ANDed; empty selects everything.",
            StrMap("matchLabels", 1, "Each pair equals a matchExpressions entry with operator In and one value."),
            List("matchExpressions", 2, Meta + "LabelSelectorRequirement")),
        M(Meta + "LabelSelectorRequirement", "A key, an operator (In, NotIn, Exists, DoesNotExist) and values.",
            ReqStr("key", 1), ReqStr("operator", 2), Strs("values", 3)),
        M(Meta + "Condition", "One aspect of an object's current state.",
            ReqStr("type", 1), ReqStr("status", 2, "True, False or Unknown."), I64("observedGeneration", 3),
            Time("lastTransitionTime", 4), ReqStr("reason", 5), ReqStr("message", 6)),
        M("io.k8s.apimachinery.pkg.runtime.TypeMeta", "apiVersion and kind of the enveloped object.", Str("apiVersion", 1), Str("kind", 2)),
        M("io.k8s.apimachinery.pkg.runtime.Unknown", "The protobuf envelope: typeMeta, then the message bytes.",
            Msg("typeMeta", 1, "io.k8s.apimachinery.pkg.runtime.TypeMeta"), new FieldModel("raw", 2, FieldKind.Bytes),
            Str("contentEncoding", 3), Str("contentType", 4)),
    ];
}
