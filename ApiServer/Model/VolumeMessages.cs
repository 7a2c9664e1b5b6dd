using static Junction.ApiServer.Model.FieldTable;

namespace Junction.ApiServer.Model;

/// <summary>
/// Pod volumes (k8s.io/api core/v1 generated.proto numbers, v1.32). VolumeSource lists the sources
/// workloads use here; it is open, so members for the other (mostly cloud) sources are kept, not refused.
/// </summary>
internal static class VolumeMessages
{
    public static IEnumerable<MessageModel> All { get; } =
    [
        M(Core + "Volume", "A named volume the pod's containers can mount.",
            ReqStr("name", 1, "Unique within the pod (DNS label)."), Inline("VolumeSource", 2, Core + "VolumeSource")),
        Open(Core + "VolumeSource", "Where a volume's data comes from; exactly one source.",
            Msg("hostPath", 1, Core + "HostPathVolumeSource"), Msg("emptyDir", 2, Core + "EmptyDirVolumeSource"),
            Msg("secret", 6, Core + "SecretVolumeSource"), Msg("persistentVolumeClaim", 10, Core + "PersistentVolumeClaimVolumeSource"),
            Msg("downwardAPI", 16, Core + "DownwardAPIVolumeSource"), Msg("configMap", 19, Core + "ConfigMapVolumeSource"),
            Msg("projected", 26, Core + "ProjectedVolumeSource"), Msg("csi", 28, Core + "CSIVolumeSource")),
        M(Core + "HostPathVolumeSource", "A file or directory of the node.", ReqStr("path", 1), PtrStr("type", 2)),
        M(Core + "EmptyDirVolumeSource", "A directory that lives as long as the pod.", Str("medium", 1, "Empty (node storage) or Memory."), Qty("sizeLimit", 2)),
        M(Core + "SecretVolumeSource", "A Secret's keys as files.",
            Str("secretName", 1), List("items", 2, Core + "KeyToPath"), PtrI32("defaultMode", 3), PtrBool("optional", 4)),
        M(Core + "ConfigMapVolumeSource", "A ConfigMap's keys as files.",
            Inline("LocalObjectReference", 1, Core + "LocalObjectReference"), List("items", 2, Core + "KeyToPath"),
            PtrI32("defaultMode", 3), PtrBool("optional", 4)),
        M(Core + "KeyToPath", "One key projected to a path.", ReqStr("key", 1), ReqStr("path", 2), PtrI32("mode", 3)),
        M(Core + "PersistentVolumeClaimVolumeSource", "A claim in the pod's namespace.", ReqStr("claimName", 1), Bool("readOnly", 2)),
        M(Core + "DownwardAPIVolumeSource", "Pod fields as files.", List("items", 1, Core + "DownwardAPIVolumeFile"), PtrI32("defaultMode", 2)),
        M(Core + "DownwardAPIVolumeFile", "One pod field as a file.",
            ReqStr("path", 1), Msg("fieldRef", 2, Core + "ObjectFieldSelector"), Msg("resourceFieldRef", 3, Core + "ResourceFieldSelector"),
            PtrI32("mode", 4)),
        M(Core + "ProjectedVolumeSource", "Several sources in one directory.",
            List("sources", 1, Core + "VolumeProjection"), PtrI32("defaultMode", 2)),
        M(Core + "VolumeProjection", "One projected source.",
            Msg("secret", 1, Core + "SecretProjection"), Msg("downwardAPI", 2, Core + "DownwardAPIProjection"),
            Msg("configMap", 3, Core + "ConfigMapProjection"), Msg("serviceAccountToken", 4, Core + "ServiceAccountTokenProjection"),
            Msg("clusterTrustBundle", 5, Core + "ClusterTrustBundleProjection")),
        M(Core + "SecretProjection", "A Secret's keys in a projected volume.",
            Inline("LocalObjectReference", 1, Core + "LocalObjectReference"), List("items", 2, Core + "KeyToPath"), PtrBool("optional", 4)),
        M(Core + "ConfigMapProjection", "A ConfigMap's keys in a projected volume.",
            Inline("LocalObjectReference", 1, Core + "LocalObjectReference"), List("items", 2, Core + "KeyToPath"), PtrBool("optional", 4)),
        M(Core + "DownwardAPIProjection", "Pod fields in a projected volume.", List("items", 1, Core + "DownwardAPIVolumeFile")),
        M(Core + "ServiceAccountTokenProjection", "A ServiceAccount token the kubelet keeps fresh.",
            Str("audience", 1), PtrI64("expirationSeconds", 2), ReqStr("path", 3)),
        M(Core + "ClusterTrustBundleProjection", "Trust anchors from ClusterTrustBundles.",
            PtrStr("name", 1), PtrStr("signerName", 2), Msg("labelSelector", 3, Meta + "LabelSelector"), PtrBool("optional", 5), ReqStr("path", 4)),
        M(Core + "CSIVolumeSource", "An inline volume from a CSI driver.",
            ReqStr("driver", 1), PtrBool("readOnly", 2), PtrStr("fsType", 3), StrMap("volumeAttributes", 4),
            Msg("nodePublishSecretRef", 5, Core + "LocalObjectReference")),
    ];
}
