using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.ApiServer.Model;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Protobuf;

/// <summary>
/// Turns a built-in object sent as Kubernetes protobuf into the JSON its Go type would write: fields in
/// Go's order, zero values left out as omitempty leaves them, pointers kept when set, Quantity as its
/// string, Time as RFC 3339 and IntOrString as a number or a string. Field numbers the model does not
/// know are skipped by their wire type, as a newer client's fields would be.
/// </summary>
internal static class ProtobufDecoder
{
    // Far deeper than any built-in message nests; bounds the stack for hostile bodies.
    private const int MaxDepth = 64;

    /// <summary>The JSON object of an enveloped body, apiVersion and kind from the envelope.</summary>
    /// <param name="body">The whole body, magic prefix included.</param>
    /// <param name="modelFor">The message for the envelope's apiVersion and kind, or null when it has none.</param>
    /// <exception cref="ApiException">400 for a body that is not valid protobuf of that message.</exception>
    public static JsonObject DecodeObject(ReadOnlySpan<byte> body, Func<string, string, MessageModel?> modelFor)
    {
        var raw = ProtobufEnvelope.Open(body, out var apiVersion, out var kind);
        var model = modelFor(apiVersion, kind)
            ?? throw Errors.BadRequest($"no kind \"{kind}\" is registered for version \"{apiVersion}\" in the protobuf decoder");
        var obj = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
        try
        {
            foreach (var (name, value) in Decode(model, raw).ToList())
            {
                obj[name] = value?.DeepClone();
            }
        }
        catch (ApiException e) when (e.Code == System.Net.HttpStatusCode.BadRequest)
        {
            var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
            throw Errors.BadRequest($"{kind} in version \"{version}\" cannot be handled as a {kind}: {e.Message}");
        }

        return obj;
    }

    /// <summary>One message's bytes as the JSON object Go would write for it.</summary>
    public static JsonObject Decode(MessageModel model, ReadOnlySpan<byte> data) => Decode(model, data, 0);

    private static JsonObject Decode(MessageModel model, ReadOnlySpan<byte> data, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Errors.BadRequest("proto: message nests too deeply");
        }

        var found = new Dictionary<int, JsonNode?>();
        var reader = new ProtobufReader(data);
        while (reader.Next(out var number, out var wire))
        {
            if (model.ByNumber(number) is not { } field)
            {
                reader.Skip(wire);
                continue;
            }

            switch (field.Shape)
            {
                case FieldShape.List:
                    var list = (JsonArray)(found.TryGetValue(number, out var existing) ? existing! : found[number] = new JsonArray());
                    ReadRepeated(field, ref reader, wire, list, depth);
                    break;
                case FieldShape.Map:
                    var map = (JsonObject)(found.TryGetValue(number, out var entries) ? entries! : found[number] = new JsonObject());
                    ReadEntry(field, Expect(ref reader, field, wire, 2), map, depth);
                    break;
                default:
                    var previous = found.GetValueOrDefault(number);
                    found[number] = field.Kind == FieldKind.Message
                        ? Merge(previous as JsonObject, Decode(BuiltinModel.Require(field.Message!), Expect(ref reader, field, wire, 2), depth + 1))
                        : ReadValue(field, field.Kind, ref reader, wire, depth);
                    break;
            }
        }

        return Emit(model, found, depth);
    }

    /// <summary>The fields in Go's order, each present as encoding/json would write it.</summary>
    private static JsonObject Emit(MessageModel model, Dictionary<int, JsonNode?> found, int depth)
    {
        var obj = new JsonObject();
        foreach (var field in model.Fields)
        {
            var present = found.TryGetValue(field.Number, out var value);
            if (field.Inline)
            {
                var inner = present ? (JsonObject)value! : Decode(BuiltinModel.Require(field.Message!), [], depth + 1);
                foreach (var (name, member) in inner.ToList())
                {
                    inner.Remove(name);
                    obj[name] = member;
                }

                continue;
            }

            if (field.Shape != FieldShape.Single)
            {
                if (present && value is JsonArray { Count: > 0 } or JsonObject { Count: > 0 })
                {
                    obj[field.JsonName] = value;
                }

                continue;
            }

            if (!present)
            {
                if (field.Presence == Presence.Always)
                {
                    obj[field.JsonName] = Zero(field.Kind);
                }

                continue;
            }

            if (field.Presence == Presence.OmitEmpty && IsZero(value))
            {
                continue;
            }

            obj[field.JsonName] = value;
        }

        return obj;
    }

    private static void ReadRepeated(FieldModel field, ref ProtobufReader reader, int wire, JsonArray list, int depth)
    {
        if (field.Kind is FieldKind.Int32 or FieldKind.Int64 or FieldKind.Bool && wire == 2)
        {
            // A packed run of varints.
            var packed = new ProtobufReader(reader.Bytes());
            while (!packed.AtEnd)
            {
                list.Add(Scalar(field.Kind, packed.Varint()));
            }

            return;
        }

        list.Add(field.Kind == FieldKind.Message
            ? Decode(BuiltinModel.Require(field.Message!), Expect(ref reader, field, wire, 2), depth + 1)
            : ReadValue(field, field.Kind, ref reader, wire, depth));
    }

    private static void ReadEntry(FieldModel field, ReadOnlySpan<byte> bytes, JsonObject map, int depth)
    {
        var entry = new ProtobufReader(bytes);
        var key = string.Empty;
        JsonNode? value = null;
        var hasValue = false;
        while (entry.Next(out var f, out var w))
        {
            switch (f)
            {
                case 1:
                    key = System.Text.Encoding.UTF8.GetString(Expect(ref entry, field, w, 2));
                    break;
                case 2:
                    value = ReadValue(field, field.Kind, ref entry, w, depth);
                    hasValue = true;
                    break;
                default:
                    entry.Skip(w);
                    break;
            }
        }

        map[key] = hasValue ? value : Zero(field.Kind);
    }

    private static JsonNode? ReadValue(FieldModel field, FieldKind kind, ref ProtobufReader reader, int wire, int depth) => kind switch
    {
        FieldKind.String => System.Text.Encoding.UTF8.GetString(Expect(ref reader, field, wire, 2)),
        FieldKind.Bytes => Convert.ToBase64String(Expect(ref reader, field, wire, 2)),
        FieldKind.Int32 or FieldKind.Int64 or FieldKind.Bool => Scalar(kind, ExpectVarint(ref reader, field, wire)),
        FieldKind.Message => Decode(BuiltinModel.Require(field.Message!), Expect(ref reader, field, wire, 2), depth + 1),
        FieldKind.IntOrString => IntOrString(Expect(ref reader, field, wire, 2)),
        FieldKind.Quantity => Quantity(Expect(ref reader, field, wire, 2)),
        FieldKind.Time => Timestamp(Expect(ref reader, field, wire, 2), micro: false),
        FieldKind.MicroTime => Timestamp(Expect(ref reader, field, wire, 2), micro: true),
        _ => RawJson(Expect(ref reader, field, wire, 2)),
    };

    private static JsonNode Scalar(FieldKind kind, ulong varint) => kind switch
    {
        // Negative int32 values are sign-extended to ten bytes on the wire; the low 32 bits are the value.
        FieldKind.Int32 => JsonValue.Create(unchecked((int)varint)),
        FieldKind.Int64 => JsonValue.Create(unchecked((long)varint)),
        _ => JsonValue.Create(varint != 0),
    };

    private static JsonNode IntOrString(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        long type = 0;
        var intValue = 0;
        var text = string.Empty;
        while (reader.Next(out var f, out var w))
        {
            switch (f, w)
            {
                case (1, 0):
                    type = unchecked((long)reader.Varint());
                    break;
                case (2, 0):
                    intValue = unchecked((int)reader.Varint());
                    break;
                case (3, 2):
                    text = reader.String();
                    break;
                default:
                    reader.Skip(w);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(text) : JsonValue.Create(intValue);
    }

    private static JsonNode Quantity(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        var text = "0";
        while (reader.Next(out var f, out var w))
        {
            if (f == 1 && w == 2)
            {
                text = reader.String();
            }
            else
            {
                reader.Skip(w);
            }
        }

        return JsonValue.Create(text);
    }

    /// <summary>metav1.Time writes RFC 3339 in UTC to the second and null for the zero time; MicroTime keeps microseconds.</summary>
    private static JsonNode? Timestamp(ReadOnlySpan<byte> bytes, bool micro)
    {
        var reader = new ProtobufReader(bytes);
        long seconds = 0;
        long nanos = 0;
        while (reader.Next(out var f, out var w))
        {
            switch (f, w)
            {
                case (1, 0):
                    seconds = unchecked((long)reader.Varint());
                    break;
                case (2, 0):
                    nanos = unchecked((int)reader.Varint());
                    break;
                default:
                    reader.Skip(w);
                    break;
            }
        }

        if (seconds == 0 && nanos == 0)
        {
            return null;
        }

        if (seconds is < -62135596800 or > 253402300799)
        {
            throw Errors.BadRequest("proto: timestamp out of range");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(micro ? nanos / 100 : 0);
        return JsonValue.Create(time.UtcDateTime.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>RawExtension and FieldsV1 carry JSON bytes in field 1.</summary>
    private static JsonNode? RawJson(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtobufReader(bytes);
        var raw = ReadOnlySpan<byte>.Empty;
        while (reader.Next(out var f, out var w))
        {
            if (f == 1 && w == 2)
            {
                raw = reader.Bytes();
            }
            else
            {
                reader.Skip(w);
            }
        }

        if (raw.IsEmpty)
        {
            return null;
        }

        try
        {
            var text = System.Text.Encoding.UTF8.GetString(raw);
            Http.RequestBody.CheckDepth(text);
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"proto: embedded object is not JSON: {e.Message}");
        }
    }

    private static JsonObject Merge(JsonObject? previous, JsonObject next)
    {
        // A repeated occurrence of a message field merges into the first, as protobuf specifies.
        if (previous is null)
        {
            return next;
        }

        foreach (var (name, value) in next.ToList())
        {
            next.Remove(name);
            previous[name] = value;
        }

        return previous;
    }

    private static ReadOnlySpan<byte> Expect(ref ProtobufReader reader, FieldModel field, int wire, int expected)
    {
        if (wire != expected)
        {
            throw WrongWireType(field, wire);
        }

        return reader.Bytes();
    }

    private static ulong ExpectVarint(ref ProtobufReader reader, FieldModel field, int wire) =>
        wire == 0 ? reader.Varint() : throw WrongWireType(field, wire);

    private static ApiException WrongWireType(FieldModel field, int wire) =>
        Errors.BadRequest(string.Create(CultureInfo.InvariantCulture, $"proto: wrong wireType = {wire} for field {char.ToUpperInvariant(field.JsonName[0])}{field.JsonName[1..]}"));

    private static bool IsZero(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<int>(out var i) => i == 0,
        JsonValue v when v.TryGetValue<long>(out var l) => l == 0,
        _ => false,
    };

    private static JsonNode? Zero(FieldKind kind) => kind switch
    {
        FieldKind.String or FieldKind.Bytes => JsonValue.Create(string.Empty),
        FieldKind.Int32 => JsonValue.Create(0),
        FieldKind.Int64 => JsonValue.Create(0L),
        FieldKind.Bool => JsonValue.Create(false),
        FieldKind.IntOrString => JsonValue.Create(0),
        FieldKind.Quantity => JsonValue.Create("0"),
        FieldKind.Message => new JsonObject(),
        _ => null,
    };
}
