namespace Junction.ApiServer.Model;

/// <summary>Short constructors for the field tables, so each table line reads like the Go field it describes.</summary>
internal static class FieldTable
{
    public const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    public const string Core = "io.k8s.api.core.v1.";
    public const string Apps = "io.k8s.api.apps.v1.";
    public const string Batch = "io.k8s.api.batch.v1.";
    public const string Rbac = "io.k8s.api.rbac.v1.";
    public const string Networking = "io.k8s.api.networking.v1.";
    public const string Policy = "io.k8s.api.policy.v1.";
    public const string Scheduling = "io.k8s.api.scheduling.v1.";

    public static FieldModel Str(string json, int number, string description = "") => new(json, number, FieldKind.String, Description: description);

    public static FieldModel ReqStr(string json, int number, string description = "") => new(json, number, FieldKind.String, Presence: Presence.Always, Description: description);

    public static FieldModel PtrStr(string json, int number, string description = "") => new(json, number, FieldKind.String, Presence: Presence.Pointer, Description: description);

    public static FieldModel I32(string json, int number, string description = "") => new(json, number, FieldKind.Int32, Description: description);

    public static FieldModel ReqI32(string json, int number, string description = "") => new(json, number, FieldKind.Int32, Presence: Presence.Always, Description: description);

    public static FieldModel PtrI32(string json, int number, string description = "") => new(json, number, FieldKind.Int32, Presence: Presence.Pointer, Description: description);

    public static FieldModel I64(string json, int number, string description = "") => new(json, number, FieldKind.Int64, Description: description);

    public static FieldModel ReqI64(string json, int number, string description = "") => new(json, number, FieldKind.Int64, Presence: Presence.Always, Description: description);

    public static FieldModel PtrI64(string json, int number, string description = "") => new(json, number, FieldKind.Int64, Presence: Presence.Pointer, Description: description);

    public static FieldModel Bool(string json, int number, string description = "") => new(json, number, FieldKind.Bool, Description: description);

    public static FieldModel PtrBool(string json, int number, string description = "") => new(json, number, FieldKind.Bool, Presence: Presence.Pointer, Description: description);

    /// <summary>A nested message; written in JSON whenever it is on the wire (Go writes value structs always).</summary>
    public static FieldModel Msg(string json, int number, string message, string description = "") => new(json, number, FieldKind.Message, Presence: Presence.Pointer, Message: message, Description: description);

    /// <summary>A Go struct embedded with json:",inline": its members belong to the parent object.</summary>
    public static FieldModel Inline(string goName, int number, string message) => new(goName, number, FieldKind.Message, Presence: Presence.Pointer, Message: message, Inline: true);

    public static FieldModel List(string json, int number, string message, string description = "") => new(json, number, FieldKind.Message, FieldShape.List, Message: message, Description: description);

    public static FieldModel Strs(string json, int number, string description = "") => new(json, number, FieldKind.String, FieldShape.List, Description: description);

    public static FieldModel I32s(string json, int number, string description = "") => new(json, number, FieldKind.Int32, FieldShape.List, Description: description);

    public static FieldModel I64s(string json, int number, string description = "") => new(json, number, FieldKind.Int64, FieldShape.List, Description: description);

    public static FieldModel StrMap(string json, int number, string description = "") => new(json, number, FieldKind.String, FieldShape.Map, Description: description);

    public static FieldModel BytesMap(string json, int number, string description = "") => new(json, number, FieldKind.Bytes, FieldShape.Map, Description: description);

    public static FieldModel QtyMap(string json, int number, string description = "") => new(json, number, FieldKind.Quantity, FieldShape.Map, Description: description);

    public static FieldModel TimeMap(string json, int number, string description = "") => new(json, number, FieldKind.Time, FieldShape.Map, Description: description);

    public static FieldModel Qty(string json, int number, string description = "") => new(json, number, FieldKind.Quantity, Presence: Presence.Pointer, Description: description);

    public static FieldModel IntStr(string json, int number, string description = "") => new(json, number, FieldKind.IntOrString, Presence: Presence.Pointer, Description: description);

    public static FieldModel Time(string json, int number, string description = "") => new(json, number, FieldKind.Time, Presence: Presence.Pointer, Description: description);

    public static FieldModel Raw(string json, int number, string description = "") => new(json, number, FieldKind.RawJson, Presence: Presence.Pointer, Description: description);

    public static MessageModel M(string name, string description, params FieldModel[] fields) => new(name, description, fields);

    /// <summary>A message modelled only in part: unknown members under it are kept.</summary>
    public static MessageModel Open(string name, string description, params FieldModel[] fields) => new(name, description, fields, open: true);
}
