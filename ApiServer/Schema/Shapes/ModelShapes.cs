using System.Collections.Concurrent;
using Junction.ApiServer.Model;

namespace Junction.ApiServer.Schema.Shapes;

/// <summary>
/// The built-in model (ApiServer/Model) as the OpenAPI generator reads it: messages become types, inline
/// members are flattened into their parent, fields Go always writes (no omitempty) are required.
/// </summary>
internal sealed class ModelShapes : IBuiltinShapes
{
    private const string Pod = "io.k8s.api.core.v1.Pod";

    // Kinds the server serves whose parts the model has but not the kind itself: composed here from those parts.
    private static readonly Dictionary<(string ApiVersion, string Kind), ShapeType> Composed = new()
    {
        [("v1", "Pod")] = new(Pod, "A group of containers scheduled together on one node.",
        [
            new("metadata", ShapeValue.Object, TypeName: FieldTable.Meta + "ObjectMeta", Description: "Standard object metadata."),
            new("spec", ShapeValue.Object, TypeName: FieldTable.Core + "PodSpec", Description: "What runs in the pod and how it is scheduled."),
        ]),
    };

    private readonly ConcurrentDictionary<string, ShapeType?> types = new(StringComparer.Ordinal);

    public static ModelShapes Instance { get; } = new();

    public string? KindType(string apiVersion, string kind) =>
        BuiltinModel.ForKind(apiVersion, kind)?.Name ?? (Composed.TryGetValue((apiVersion, kind), out var composed) ? composed.Name : null);

    public ShapeType? Type(string name) => types.GetOrAdd(name, static n =>
        BuiltinModel.Find(n) is { } message ? Shape(message) : Composed.Values.FirstOrDefault(c => c.Name == n));

    private static ShapeType Shape(MessageModel message) => new(message.Name, message.Description, Members(message).ToList());

    private static IEnumerable<ShapeField> Members(MessageModel message)
    {
        foreach (var field in message.Fields)
        {
            if (field.Inline)
            {
                foreach (var inner in Members(BuiltinModel.Require(field.Message!)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return new ShapeField(
                    field.JsonName,
                    Value(field.Kind),
                    field.Shape switch { FieldShape.List => ShapeRepeat.List, FieldShape.Map => ShapeRepeat.Map, _ => ShapeRepeat.Single },
                    field.Kind == FieldKind.Message ? field.Message : null,
                    field.Description,
                    field.Presence == Presence.Always);
            }
        }
    }

    private static ShapeValue Value(FieldKind kind) => kind switch
    {
        FieldKind.String => ShapeValue.String,
        FieldKind.Int32 => ShapeValue.Int32,
        FieldKind.Int64 => ShapeValue.Int64,
        FieldKind.Bool => ShapeValue.Boolean,
        FieldKind.Bytes => ShapeValue.Bytes,
        FieldKind.Message => ShapeValue.Object,
        FieldKind.IntOrString => ShapeValue.IntOrString,
        FieldKind.Quantity => ShapeValue.Quantity,
        FieldKind.Time => ShapeValue.Time,
        FieldKind.MicroTime => ShapeValue.MicroTime,
        _ => ShapeValue.Json,
    };
}
