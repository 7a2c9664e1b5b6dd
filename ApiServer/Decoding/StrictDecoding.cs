using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Model;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Decoding;

/// <summary>
/// fieldValidation for built-in kinds, worded as kube-apiserver words it: unknown members are always
/// dropped (typed decoding cannot hold them); Strict refuses the write listing them and the duplicate
/// members, Warn answers each as a Warning header, Ignore says nothing.
/// </summary>
internal static class StrictDecoding
{
    /// <summary>The built-in model of a served kind, or null (custom resources, kinds outside the model).</summary>
    public static MessageModel? ModelOf(ResourceType type) => type.IsCustom ? null : BuiltinModel.ForKind(type.ApiVersion, type.Kind);

    /// <summary>
    /// A create or update body: drops undeclared members and reports them with the duplicates, in
    /// document order; a member both unknown and repeated is reported once, as unknown.
    /// </summary>
    /// <returns>The warnings to send (Warn); empty for Ignore.</returns>
    /// <exception cref="ApiException">400 under Strict when there is anything to report.</exception>
    public static IReadOnlyList<string> CheckBody(ResourceType type, JsonObject body, ParsedJson? parsed, string validation)
    {
        var unknown = ModelOf(type) is { } model ? UnknownFields.Prune(model, body, sorted: false) : [];
        var issues = new List<(int Order, string Text)>();
        foreach (var path in unknown)
        {
            issues.Add((parsed?.Order.GetValueOrDefault(path, int.MaxValue) ?? issues.Count, $"unknown field \"{path}\""));
        }

        foreach (var (path, order) in parsed?.Duplicates ?? [])
        {
            if (!unknown.Any(u => Within(path, u)))
            {
                issues.Add((order, $"duplicate field \"{path}\""));
            }
        }

        var texts = issues.OrderBy(i => i.Order).Select(i => i.Text).ToList();
        if (texts.Count > 0 && validation == "Strict")
        {
            throw new ApiException(
                HttpStatusCode.BadRequest,
                "BadRequest",
                $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", texts)}");
        }

        return validation == "Ignore" ? [] : texts;
    }

    /// <summary>The duplicate members of a merge or strategic merge patch body, reported before what the patched object lacks.</summary>
    public static IReadOnlyList<string> PatchDuplicates(ParsedJson parsed) =>
        parsed.Duplicates.Select(d => $"duplicate field \"{d.Path}\"").ToList();

    /// <summary>
    /// A JSON patch's own operations: members other than op, path, from and value, and repeated ones
    /// ("json patch unknown field \"[0].foo\"").
    /// </summary>
    public static IReadOnlyList<string> JsonPatchIssues(string text)
    {
        var parsed = ParseArray(text);
        if (parsed is null)
        {
            return [];
        }

        var (ops, duplicates) = parsed.Value;
        var issues = new List<(int, string)>();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i] is not JsonObject op)
            {
                continue;
            }

            foreach (var (name, _) in op)
            {
                if (name is not ("op" or "path" or "from" or "value"))
                {
                    issues.Add((i, $"json patch unknown field \"[{i}].{name}\""));
                }
            }
        }

        issues.AddRange(duplicates.Select(d => (int.Parse(d[1..d.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), $"json patch duplicate field \"{d}\"")));
        return issues.OrderBy(i => i.Item1).Select(i => i.Item2).ToList();
    }

    /// <summary>
    /// A patched built-in object: drops undeclared members and reports them (in key order, after the
    /// patch body's own issues); Strict refuses the patch as kube-apiserver does, a 422 on "patch".
    /// </summary>
    public static void CheckPatched(ResourceType type, JsonObject patched, WriteOptions options, List<string> warnings)
    {
        var unknown = ModelOf(type) is { } model ? UnknownFields.Prune(model, patched, sorted: true) : [];
        var texts = options.StrictIssues.Concat(unknown.Select(u => $"unknown field \"{u}\"")).ToList();
        if (texts.Count == 0 || options.FieldValidation == "Ignore")
        {
            return;
        }

        if (options.FieldValidation == "Warn")
        {
            warnings.AddRange(texts);
            return;
        }

        var value = Tokens.GoText.Quote(StrictJson.Compact(patched));
        throw Errors.Invalid(string.Empty, string.Empty, string.Empty, [FieldError.Invalid("patch", value, $"strict decoding error: {string.Join(", ", texts)}")]);
    }

    /// <summary>
    /// A server-side apply configuration must declare every member: its conversion to the typed object
    /// fails otherwise, whatever fieldValidation says, and kube-apiserver 1.32 answers that as a 500.
    /// </summary>
    public static void RequireDeclared(ResourceType type, JsonObject applied, string name)
    {
        if (ModelOf(type) is not { } model)
        {
            return;
        }

        var errors = new List<string>();
        Declared(model, applied, [], string.Empty, new ListSemantics(type.Key, null), errors, topLevel: true);
        if (errors.Count == 0)
        {
            return;
        }

        var ns = applied["metadata"]?["namespace"]?.GetValue<string>() ?? string.Empty;
        var gvk = $"{type.Group}/{type.Version}, Kind={type.Kind}";
        var text = errors.Count == 1 ? errors[0] : "errors:\n" + string.Join("\n", errors.Select(e => "  " + e));
        throw new ApiException(HttpStatusCode.InternalServerError, string.Empty, $"failed to create typed patch object ({ns}/{name}; {gvk}): {text}");
    }

    private static void Declared(MessageModel model, JsonObject obj, List<string> names, string path, ListSemantics lists, List<string> errors, bool topLevel)
    {
        foreach (var (member, value) in obj)
        {
            var memberPath = $"{path}.{member}";
            if (model.Member(member) is not { } field)
            {
                if (!(topLevel && member is "apiVersion" or "kind") && !model.AcceptsAnyMember)
                {
                    errors.Add($"{memberPath}: field not declared in schema");
                }

                continue;
            }

            if (field.Kind != FieldKind.Message)
            {
                continue;
            }

            var child = BuiltinModel.Require(field.Message!);
            List<string> childNames = [.. names, member];
            if (value is JsonObject inner && field.Shape == FieldShape.Single)
            {
                Declared(child, inner, childNames, memberPath, lists, errors, topLevel: false);
            }
            else if (value is JsonArray items && field.Shape == FieldShape.List)
            {
                var keys = lists.Keys(childNames);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject item)
                    {
                        Declared(child, item, childNames, memberPath + Element(item, keys, i), lists, errors, topLevel: false);
                    }
                }
            }
        }
    }

    /// <summary>An associative list element as structured-merge-diff names it: [name="nginx"], else by index.</summary>
    private static string Element(JsonObject item, IReadOnlyList<string>? keys, int index)
    {
        if (keys is not { Count: > 0 } || keys.Any(k => item[k] is null))
        {
            return $"[{index}]";
        }

        return "[" + string.Join(",", keys.Select(k => $"{k}={item[k]!.ToJsonString()}")) + "]";
    }

    private static bool Within(string path, string prefix) =>
        path == prefix || path.StartsWith(prefix + ".", StringComparison.Ordinal) || path.StartsWith(prefix + "[", StringComparison.Ordinal);

    private static (JsonArray Ops, List<string> Duplicates)? ParseArray(string text)
    {
        try
        {
            // StrictJson reads objects; a JSON patch is an array, so wrap it to reuse the duplicate walk.
            var parsed = StrictJson.Parse("{\"ops\":" + text + "}");
            return parsed.Root["ops"] is JsonArray ops
                ? (ops, parsed.Duplicates.Select(d => d.Path["ops".Length..]).ToList())
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (ApiException)
        {
            return null;
        }
    }
}
