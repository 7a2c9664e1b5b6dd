using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tokens;

/// <summary>A decoded TokenReview body: metadata (echoed back), spec.token and spec.audiences.</summary>
internal sealed record TokenReviewInput(JsonObject Metadata, string Token, IReadOnlyList<string> Audiences)
{
    public const string ApiVersion = "authentication.k8s.io/v1";
    public const string Kind = "TokenReview";

    private static readonly GoJsonDecoder Decoder = new(Kind);

    public static TokenReviewInput FromJson(JsonObject body)
    {
        var apiVersion = Decoder.String(body["apiVersion"], "TypeMeta", "apiVersion");
        if (apiVersion.Length > 0 && apiVersion != ApiVersion)
        {
            throw Store.Errors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({ApiVersion})");
        }

        var kind = Decoder.String(body["kind"], "TypeMeta", "kind");
        if (kind.Length > 0 && kind != Kind)
        {
            throw Decoder.Undecodable("the object provided is unrecognized (wrong kind)");
        }

        var metadata = Decoder.Object(body["metadata"], "TokenReview", "metadata", "v1.ObjectMeta")?.DeepClone().AsObject() ?? [];
        var spec = Decoder.Object(body["spec"], "TokenReview", "spec", "v1.TokenReviewSpec");
        return new TokenReviewInput(
            metadata,
            Decoder.String(spec?["token"], "TokenReviewSpec", "spec.token"),
            Decoder.Strings(spec?["audiences"], "TokenReviewSpec", "spec.audiences"));
    }

    /// <summary>The TokenReview answered: the request with its status (kube-apiserver keeps no TokenReview).</summary>
    public JsonObject Answer(ReviewOutcome outcome)
    {
        var metadata = Metadata.DeepClone().AsObject();
        metadata["creationTimestamp"] = null;
        var spec = new JsonObject { ["token"] = Token };
        if (Audiences.Count > 0)
        {
            spec["audiences"] = Strings(Audiences);
        }

        var status = new JsonObject();
        switch (outcome)
        {
            case Authenticated ok:
                status["authenticated"] = true;
                var user = new JsonObject { ["username"] = ok.User.Username };
                if (ok.User.Uid.Length > 0)
                {
                    user["uid"] = ok.User.Uid;
                }

                user["groups"] = Strings(ok.User.Groups);
                if (ok.User.Extra.Count > 0)
                {
                    var extra = new JsonObject();
                    foreach (var (key, value) in ok.User.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
                    {
                        extra[key] = new JsonArray(value);
                    }

                    user["extra"] = extra;
                }

                status["user"] = user;
                status["audiences"] = Strings(ok.Audiences);
                break;
            case Unauthenticated refused:
                status["user"] = new JsonObject();
                if (refused.Error is { } error)
                {
                    status["error"] = error;
                }

                break;
        }

        return new JsonObject
        {
            ["kind"] = Kind,
            ["apiVersion"] = ApiVersion,
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
