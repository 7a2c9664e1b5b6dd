using System.Collections.Frozen;

namespace Junction.ApiServer.Model;

/// <summary>
/// One built-in message type: its fields by protobuf number and by JSON name. Immutable; the JSON
/// lookup flattens inline members (Probe's exec/httpGet come from its inline ProbeHandler).
/// </summary>
internal sealed class MessageModel
{
    private readonly FrozenDictionary<int, FieldModel> byNumber;
    private readonly Lazy<FrozenDictionary<string, FieldModel>> byJson;

    /// <param name="name">The full name, as OpenAPI names definitions (io.k8s.api.core.v1.Container).</param>
    /// <param name="description">One line for documentation.</param>
    /// <param name="fields">The fields, in the order Go declares (and encoding/json writes) them.</param>
    /// <param name="open">
    /// Fields exist beyond those listed (the model is shallow here): unknown JSON members under it are
    /// neither reported nor dropped, and unknown wire fields are skipped.
    /// </param>
    public MessageModel(string name, string description, IReadOnlyList<FieldModel> fields, bool open = false)
    {
        Name = name;
        Description = description;
        Fields = fields;
        Open = open;
        byNumber = fields.ToFrozenDictionary(f => f.Number);
        byJson = new Lazy<FrozenDictionary<string, FieldModel>>(JsonMembers);
    }

    /// <summary>The full name (io.k8s.api.apps.v1.Deployment).</summary>
    public string Name { get; }

    /// <summary>One line for documentation.</summary>
    public string Description { get; }

    /// <summary>The fields in Go's declaration order.</summary>
    public IReadOnlyList<FieldModel> Fields { get; }

    /// <summary>True when the model lists only some of the message's fields.</summary>
    public bool Open { get; }

    /// <summary>The field with a protobuf number, or null for a number this model does not know.</summary>
    public FieldModel? ByNumber(int number) => byNumber.GetValueOrDefault(number);

    /// <summary>The field a JSON member names, looking through inline fields; null when undeclared.</summary>
    public FieldModel? Member(string jsonName) => byJson.Value.GetValueOrDefault(jsonName);

    /// <summary>True when this message, or one inlined into it, is modelled only in part (members it does not list are kept).</summary>
    public bool AcceptsAnyMember => Open || Fields.Any(f => f.Inline && BuiltinModel.Require(f.Message!).AcceptsAnyMember);

    private FrozenDictionary<string, FieldModel> JsonMembers()
    {
        var members = new Dictionary<string, FieldModel>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            if (field.Inline)
            {
                foreach (var inner in BuiltinModel.Require(field.Message!).Fields)
                {
                    members[inner.JsonName] = inner;
                }
            }
            else
            {
                members[field.JsonName] = field;
            }
        }

        return members.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
