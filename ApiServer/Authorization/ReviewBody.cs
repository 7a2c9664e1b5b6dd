using System.Text.Json.Nodes;
using Junction.ApiServer.Protobuf;

namespace Junction.ApiServer.Authorization;

/// <summary>
/// Decodes the SelfSubjectAccessReview and SelfSubjectRulesReview kubectl auth can-i sends as Kubernetes protobuf
/// into their JSON form. Inside the envelope both are {1: metadata, 2: spec}; field numbers are those of
/// k8s.io/api/authorization/v1/generated.proto: SelfSubjectAccessReviewSpec {1: resourceAttributes, 2: nonResourceAttributes}, ResourceAttributes {1: namespace,
/// 2: verb, 3: group, 4: version, 5: resource, 6: subresource, 7: name}, NonResourceAttributes {1: path, 2: verb},
/// SelfSubjectRulesReviewSpec {1: namespace}.
/// </summary>
internal static class ReviewBody
{
    private static readonly string[] ResourceFields = ["", "namespace", "verb", "group", "version", "resource", "subresource", "name"];
    private static readonly string[] NonResourceFields = ["", "path", "verb"];

    public static JsonObject FromProtobuf(ReadOnlySpan<byte> body, string expectedKind)
    {
        var raw = ProtobufEnvelope.Open(body, out var apiVersion, out var kind);
        var review = new JsonObject();
        if (apiVersion.Length > 0)
        {
            review["apiVersion"] = apiVersion;
        }

        if (kind.Length > 0)
        {
            review["kind"] = kind;
        }

        var reader = new ProtobufReader(raw);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                review["metadata"] = Strings(reader.Bytes(), ["", "name", "generateName", "namespace"]);
            }
            else if (field == 2 && wire == 2)
            {
                review["spec"] = expectedKind == AccessReviews.RulesReviewKind ? Strings(reader.Bytes(), ["", "namespace"]) : AccessSpec(reader.Bytes());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return review;
    }

    private static JsonObject AccessSpec(ReadOnlySpan<byte> bytes)
    {
        var spec = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            if (field is 1 or 2 && wire == 2)
            {
                spec[field == 1 ? "resourceAttributes" : "nonResourceAttributes"] = Strings(reader.Bytes(), field == 1 ? ResourceFields : NonResourceFields);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return spec;
    }

    /// <summary>A message of string fields; numbers index <paramref name="names"/>, other fields are skipped.</summary>
    private static JsonObject Strings(ReadOnlySpan<byte> bytes, string[] names)
    {
        var result = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            if (field > 0 && field < names.Length && wire == 2)
            {
                var text = reader.String();
                if (text.Length > 0)
                {
                    result[names[field]] = text;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return result;
    }
}
