using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Authorization;

/// <summary>
/// Answers SelfSubjectAccessReview and SelfSubjectRulesReview. The embedded server authenticates nobody and
/// authorizes every request, so every review is allowed and the rules are "everything"; saying so (rather than
/// failing) is what lets `kubectl auth can-i` and tools that check their permissions first run unchanged.
/// </summary>
internal static class AccessReviews
{
    public const string Group = "authorization.k8s.io";
    public const string Version = "v1";
    public const string AccessReviewKind = "SelfSubjectAccessReview";
    public const string RulesReviewKind = "SelfSubjectRulesReview";
    public const string Reason = "the embedded API server authorizes every request";

    private const string ApiVersion = Group + "/" + Version;

    /// <summary>The review with status.allowed true; 422 when the spec names neither or both kinds of attributes.</summary>
    public static JsonObject Access(JsonObject review)
    {
        var spec = review["spec"] as JsonObject ?? [];
        var hasResource = spec["resourceAttributes"] is JsonObject;
        var hasNonResource = spec["nonResourceAttributes"] is JsonObject;
        if (hasResource == hasNonResource)
        {
            // kube-apiserver's ValidateSelfSubjectAccessReviewSpec: both are an invalid nonResourceAttributes, neither an invalid resourceAttributes.
            var error = hasResource
                ? FieldError.Invalid("spec.nonResourceAttributes", spec["nonResourceAttributes"]!.ToJsonString(), "cannot be specified in combination with resourceAttributes")
                : FieldError.Invalid("spec.resourceAttributes", "null", "exactly one of nonResourceAttributes or resourceAttributes must be specified");
            throw Errors.Invalid(Group, AccessReviewKind, string.Empty, [error]);
        }

        return Answer(review, AccessReviewKind, new JsonObject { ["allowed"] = true, ["reason"] = Reason });
    }

    /// <summary>The review with rules that allow every verb on every resource and non-resource URL.</summary>
    public static JsonObject Rules(JsonObject review) => Answer(review, RulesReviewKind, new JsonObject
    {
        ["resourceRules"] = new JsonArray(new JsonObject
        {
            ["verbs"] = new JsonArray("*"),
            ["apiGroups"] = new JsonArray("*"),
            ["resources"] = new JsonArray("*"),
        }),
        ["nonResourceRules"] = new JsonArray(new JsonObject
        {
            ["verbs"] = new JsonArray("*"),
            ["nonResourceURLs"] = new JsonArray("*"),
        }),
        ["incomplete"] = false,
    });

    private static JsonObject Answer(JsonObject review, string kind, JsonObject status)
    {
        var metadata = review["metadata"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = ApiVersion,
            ["metadata"] = new JsonObject { ["name"] = metadata["name"]?.DeepClone(), ["creationTimestamp"] = null },
            ["spec"] = review["spec"]?.DeepClone() ?? new JsonObject(),
            ["status"] = status,
        };
    }
}
