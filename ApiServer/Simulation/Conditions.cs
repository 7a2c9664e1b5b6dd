using System.Text.Json.Nodes;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// Sets status conditions the way kube's controllers do: replaced by type, and the timestamps kept while
/// status, reason and message stay the same, so a reconcile that changes nothing writes nothing.
/// </summary>
internal static class Conditions
{
    public static void Set(JsonObject status, string type, string value, string reason, string message, string now, bool withUpdateTime)
    {
        if (status["conditions"] is not JsonArray conditions)
        {
            conditions = new JsonArray();
            status["conditions"] = conditions;
        }

        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => Text(c, "type") == type);
        if (existing is not null && Text(existing, "status") == value && Text(existing, "reason") == reason && Text(existing, "message") == message)
        {
            return;
        }

        var transition = existing is not null && Text(existing, "status") == value ? Text(existing, "lastTransitionTime") : now;
        var condition = new JsonObject { ["type"] = type, ["status"] = value };
        if (withUpdateTime)
        {
            condition["lastUpdateTime"] = now;
        }

        condition["lastTransitionTime"] = transition.Length > 0 ? transition : now;
        condition["reason"] = reason;
        condition["message"] = message;
        if (existing is not null)
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
        else
        {
            conditions.Add(condition);
        }
    }

    public static void Remove(JsonObject status, string type)
    {
        if (status["conditions"] is JsonArray conditions && conditions.OfType<JsonObject>().FirstOrDefault(c => Text(c, "type") == type) is { } found)
        {
            conditions.Remove(found);
        }
    }

    public static bool IsTrue(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c => Text(c, "type") == type && Text(c, "status") == "True") == true;

    private static string Text(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
