using System.Text.Json.Nodes;
using Junction.ApiServer.Protobuf;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Tokens;

/// <summary>Decodes a TokenRequest sent as JSON or, as kubectl create token sends it, as Kubernetes protobuf.</summary>
internal static class TokenRequestBody
{
    public const string ApiVersion = "authentication.k8s.io/v1";
    public const string Kind = "TokenRequest";

    private static readonly GoJsonDecoder Decoder = new(Kind);

    public static TokenRequestInput FromJson(JsonObject body)
    {
        CheckKind(Decoder.String(body["apiVersion"], "TypeMeta", "apiVersion"), Decoder.String(body["kind"], "TypeMeta", "kind"));
        var metadata = Decoder.Object(body["metadata"], "TokenRequest", "metadata", "v1.ObjectMeta")?.DeepClone().AsObject() ?? [];
        Decoder.String(metadata["name"], "ObjectMeta", "metadata.name");
        Decoder.String(metadata["namespace"], "ObjectMeta", "metadata.namespace");
        var spec = Decoder.Object(body["spec"], "TokenRequest", "spec", "v1.TokenRequestSpec");
        if (spec is null)
        {
            return new TokenRequestInput(metadata, [], null, null);
        }

        var audiences = Decoder.Strings(spec["audiences"], "TokenRequestSpec", "spec.audiences");
        var expiration = Decoder.Int64(spec["expirationSeconds"], "TokenRequestSpec", "spec.expirationSeconds");
        BoundObjectReference? bound = null;
        if (Decoder.Object(spec["boundObjectRef"], "TokenRequestSpec", "spec.boundObjectRef", "v1.BoundObjectReference") is { } reference)
        {
            bound = new BoundObjectReference(
                Decoder.String(reference["kind"], "BoundObjectReference", "spec.boundObjectRef.kind"),
                Decoder.String(reference["apiVersion"], "BoundObjectReference", "spec.boundObjectRef.apiVersion"),
                Decoder.String(reference["name"], "BoundObjectReference", "spec.boundObjectRef.name"),
                Decoder.String(reference["uid"], "BoundObjectReference", "spec.boundObjectRef.uid"));
        }

        return new TokenRequestInput(metadata, audiences, expiration, bound);
    }

    /// <summary>
    /// The protobuf envelope: "k8s\0", then runtime.Unknown {1: typeMeta {1: apiVersion, 2: kind}, 2: raw}; raw is
    /// TokenRequest {1: metadata {1: name, 3: namespace}, 2: spec {1: audiences, 3: boundObjectRef {1: kind,
    /// 2: apiVersion, 3: name, 4: uid}, 4: expirationSeconds}} (field numbers of k8s.io/api's generated.proto).
    /// </summary>
    public static TokenRequestInput FromProtobuf(ReadOnlySpan<byte> body)
    {
        var raw = ProtobufEnvelope.Open(body, out var apiVersion, out var kind);
        CheckKind(apiVersion, kind);
        return Request(raw);
    }

    private static TokenRequestInput Request(ReadOnlySpan<byte> raw)
    {
        var metadata = new JsonObject();
        var audiences = new List<string>();
        long? expiration = null;
        BoundObjectReference? bound = null;
        var request = new ProtobufReader(raw);
        while (request.Next(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                var meta = new ProtobufReader(request.Bytes());
                while (meta.Next(out var f, out var w))
                {
                    if (f is 1 or 3 && w == 2)
                    {
                        var text = meta.String();
                        if (text.Length > 0)
                        {
                            metadata[f == 1 ? "name" : "namespace"] = text;
                        }
                    }
                    else
                    {
                        meta.Skip(w);
                    }
                }
            }
            else if (field == 2 && wire == 2)
            {
                var spec = new ProtobufReader(request.Bytes());
                while (spec.Next(out var f, out var w))
                {
                    switch (f, w)
                    {
                        case (1, 2):
                            audiences.Add(spec.String());
                            break;
                        case (3, 2):
                            bound = Bound(spec.Bytes());
                            break;
                        case (4, 0):
                            expiration = unchecked((long)spec.Varint());
                            break;
                        default:
                            spec.Skip(w);
                            break;
                    }
                }
            }
            else
            {
                request.Skip(wire);
            }
        }

        return new TokenRequestInput(metadata, audiences, expiration, bound);
    }

    private static BoundObjectReference Bound(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        var values = new string[5];
        while (reader.Next(out var f, out var w))
        {
            if (f is >= 1 and <= 4 && w == 2)
            {
                values[f] = reader.String();
            }
            else
            {
                reader.Skip(w);
            }
        }

        return new BoundObjectReference(values[1] ?? string.Empty, values[2] ?? string.Empty, values[3] ?? string.Empty, values[4] ?? string.Empty);
    }

    private static void CheckKind(string apiVersion, string kind)
    {
        if (apiVersion.Length > 0 && apiVersion != ApiVersion)
        {
            throw Errors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({ApiVersion})");
        }

        if (kind.Length > 0 && kind != Kind)
        {
            throw Decoder.Undecodable("the object provided is unrecognized (wrong kind)");
        }
    }
}
