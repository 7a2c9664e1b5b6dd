using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>
/// Evaluates a custom resource's <c>x-kubernetes-validations</c> as kube-apiserver does after defaulting and
/// pruning: <c>self</c> at each schema node, <c>oldSelf</c> on update where the old value correlates
/// (transition rules are skipped otherwise), errors for unchanged values ratcheted to warnings, and a
/// per-call cost limit and per-object cost budget.
/// </summary>
internal sealed class CelValidator
{
    /// <summary>kube-apiserver's celconfig.PerCallLimit.</summary>
    public const long PerCallLimit = 1_000_000;

    /// <summary>kube-apiserver's celconfig.RuntimeCELCostBudget, for all rules of one object.</summary>
    public const long RuntimeBudget = 10_000_000;

    private const int MaxMessageBytes = 5 * 1024;
    private const string OutOfBudget = "validation failed due to running out of cost budget, no further validation rules will be run";
    private readonly CelSchemaNode root;
    private readonly JsonObject rootSchema;

    private CelValidator(CelSchemaNode root, JsonObject rootSchema)
    {
        this.root = root;
        this.rootSchema = rootSchema;
    }

    /// <summary>Compiles every rule of an openAPIV3Schema; null when it has none. Compile errors go to <paramref name="errors"/>.</summary>
    public static CelValidator? Compile(JsonObject schema, string path, List<FieldError> errors)
    {
        var node = CelSchemaNode.Build(schema, true, path, errors);
        return node is null ? null : new CelValidator(node, CelValues.RootSchema(schema));
    }

    /// <summary>Validates <paramref name="obj"/> (and, on update, against <paramref name="old"/>).</summary>
    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors, List<string> warnings)
    {
        var self = CelValues.Root(obj, rootSchema);
        var oldSelf = old is null ? null : CelValues.Root(old, rootSchema);
        var budget = RuntimeBudget;
        var ratchet = oldSelf is not null && CelFunctions.ValueEquals(self, oldSelf);
        Walk(root, string.Empty, self, oldSelf, oldSelf is not null, ratchet, ref budget, errors, warnings);
    }

    private static bool Walk(CelSchemaNode node, string path, object? value, object? old, bool hasOld, bool ratchet, ref long budget, List<FieldError> errors, List<string> warnings)
    {
        if (value is null)
        {
            return true;
        }

        if (!Evaluate(node, path, value, old, hasOld, ratchet, ref budget, errors, warnings))
        {
            return false;
        }

        if (value is Dictionary<object, object?> map)
        {
            var oldMap = hasOld ? old as Dictionary<object, object?> : null;
            foreach (var (key, child) in map)
            {
                var name = (string)key;
                var schema = node.Properties.GetValueOrDefault(name) ?? node.AdditionalProperties;
                if (schema is null)
                {
                    continue;
                }

                var childPath = node.Properties.ContainsKey(name) ? Child(path, name) : $"{(path.Length == 0 ? "<nil>" : path)}[{name}]";
                object? oldChild = null;
                var correlated = oldMap is not null && oldMap.TryGetValue(name, out oldChild);
                var childRatchet = correlated ? CelFunctions.ValueEquals(child, oldChild) : ratchet;
                if (!Walk(schema, childPath, child, oldChild, correlated, childRatchet, ref budget, errors, warnings))
                {
                    return false;
                }
            }
        }
        else if (value is List<object?> list && node.Items is { } items)
        {
            var oldList = hasOld ? old as List<object?> : null;
            for (var i = 0; i < list.Count; i++)
            {
                var oldItem = oldList is null || node.ListMapKeys is null ? null : oldList.FirstOrDefault(o => SameKeys(o, list[i], node.ListMapKeys));
                var correlated = oldItem is not null;
                var itemRatchet = correlated ? CelFunctions.ValueEquals(list[i], oldItem) : ratchet;
                if (!Walk(items, $"{(path.Length == 0 ? "<nil>" : path)}[{i}]", list[i], oldItem, correlated, itemRatchet, ref budget, errors, warnings))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Evaluate(CelSchemaNode node, string path, object value, object? old, bool hasOld, bool ratchet, ref long budget, List<FieldError> errors, List<string> warnings)
    {
        var field = path.Length == 0 ? "<nil>" : path;
        var shown = $"\"{node.Type}\"";
        foreach (var rule in node.Rules)
        {
            if (budget <= 0)
            {
                errors.Add(FieldError.Invalid(field, shown, OutOfBudget));
                return false;
            }

            if (rule.Program.UsesOldSelf && !hasOld)
            {
                continue;
            }

            var context = new CelContext(PerCallLimit);
            object? result;
            try
            {
                result = rule.Program.Evaluate(value, old, context);
            }
            catch (CelCostExceededException e)
            {
                errors.Add(FieldError.Invalid(field, shown, $"'{e.Message}': no further validation rules will be run due to call cost exceeds limit for rule: {rule.ErrorString}"));
                budget = -1;
                return false;
            }

            if (context.Cost > budget)
            {
                errors.Add(FieldError.Invalid(field, shown, OutOfBudget));
                budget = -1;
                return false;
            }

            budget -= context.Cost;
            if (result is CelError error)
            {
                errors.Add(FieldError.Invalid(field, shown, error.Message.StartsWith("no such overload", StringComparison.Ordinal)
                    ? $"'{error.Message}': call arguments did not match a supported operator, function or macro signature for rule: {rule.ErrorString}"
                    : $"{error.Message} evaluating rule: {rule.ErrorString}"));
                continue;
            }

            if (result is true)
            {
                continue;
            }

            var at = rule.NormalizedFieldPath is null ? field : Child(path, rule.NormalizedFieldPath);
            var detail = Message(rule, value, old, ref budget) ?? rule.MessageOrDefault;
            var failure = rule.Reason switch
            {
                "FieldValueForbidden" => new FieldError(at, rule.Reason, $"Forbidden: {detail}"),
                "FieldValueRequired" => new FieldError(at, rule.Reason, $"Required value: {detail}"),
                "FieldValueDuplicate" => new FieldError(at, rule.Reason, $"Duplicate value: {shown}"),
                _ => FieldError.Invalid(at, shown, detail),
            };
            if (!rule.Program.UsesOldSelf && ratchet)
            {
                warnings.Add(failure.ToString());
            }
            else
            {
                errors.Add(failure);
            }
        }

        return true;
    }

    /// <summary>The messageExpression's text, or null to fall back to the message (as kube-apiserver does when it fails).</summary>
    private static string? Message(CelRule rule, object value, object? old, ref long budget)
    {
        if (rule.MessageProgram is null)
        {
            return null;
        }

        var context = new CelContext(PerCallLimit);
        object? result;
        try
        {
            result = rule.MessageProgram.Evaluate(value, old, context);
        }
        catch (CelCostExceededException)
        {
            return null;
        }

        budget -= context.Cost;
        return result is string s && s.Trim() is { Length: > 0 and <= MaxMessageBytes } trimmed && !trimmed.Contains('\n', StringComparison.Ordinal) ? trimmed : null;
    }

    private static bool SameKeys(object? old, object? item, IReadOnlyList<string> keys) =>
        old is Dictionary<object, object?> o && item is Dictionary<object, object?> n &&
        keys.All(k => o.TryGetValue(k, out var a) == n.TryGetValue(k, out var b) && CelFunctions.ValueEquals(a, b));

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
