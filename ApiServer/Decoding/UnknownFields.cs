using System.Text.Json.Nodes;
using Junction.ApiServer.Model;

namespace Junction.ApiServer.Decoding;

/// <summary>
/// The members of a built-in object its Go type does not declare, found with the built-in model and
/// dropped, as kube-apiserver's typed decoding drops them (whatever fieldValidation says).
/// </summary>
internal static class UnknownFields
{
    /// <summary>Removes undeclared members from <paramref name="obj"/> and returns their paths (spec.template.spec.containers[0].x).</summary>
    /// <param name="model">The object's message.</param>
    /// <param name="obj">The object; changed.</param>
    /// <param name="sorted">Visit members in key order, as the unstructured converter does for patched objects; else in document order.</param>
    public static List<string> Prune(MessageModel model, JsonObject obj, bool sorted)
    {
        var unknown = new List<string>();
        Walk(model, obj, string.Empty, sorted, unknown, topLevel: true);
        return unknown;
    }

    private static void Walk(MessageModel model, JsonObject obj, string path, bool sorted, List<string> unknown, bool topLevel)
    {
        var names = obj.Select(p => p.Key).ToList();
        if (sorted)
        {
            names.Sort(StringComparer.Ordinal);
        }

        foreach (var name in names)
        {
            var memberPath = path.Length == 0 ? name : $"{path}.{name}";
            if (model.Member(name) is not { } field)
            {
                // apiVersion and kind are the inline TypeMeta of every top-level object.
                if (!(topLevel && name is "apiVersion" or "kind") && !model.AcceptsAnyMember)
                {
                    unknown.Add(memberPath);
                    obj.Remove(name);
                }

                continue;
            }

            if (field.Kind != FieldKind.Message)
            {
                continue;
            }

            var child = BuiltinModel.Require(field.Message!);
            switch (field.Shape, obj[name])
            {
                case (FieldShape.Single, JsonObject inner):
                    Walk(child, inner, memberPath, sorted, unknown, topLevel: false);
                    break;
                case (FieldShape.List, JsonArray items):
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is JsonObject item)
                        {
                            Walk(child, item, $"{memberPath}[{i}]", sorted, unknown, topLevel: false);
                        }
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
