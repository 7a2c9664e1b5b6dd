using Xunit;
using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Model;
using Junction.ApiServer.Protobuf;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Tests.Protobuf;

/// <summary>The model-driven decoder against hand-encoded bodies, each written as gogo-protobuf writes Go structs.</summary>
public sealed class ProtobufDecoderTests
{
    private static ProtobufWriter Meta(string name) =>
        new ProtobufWriter().String(1, name).String(2, string.Empty).String(3, string.Empty).String(4, string.Empty)
            .String(5, string.Empty).String(6, string.Empty).Int(7, 0).Message(8, new ProtobufWriter());

    private static JsonObject Decode(string apiVersion, string kind, ProtobufWriter message) =>
        ProtobufDecoder.DecodeObject(ProtobufWriter.Envelope(apiVersion, kind, message), BuiltinModel.ForKind);

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual.ToJsonString()}");

    [Fact]
    public void Namespace_AsKubectlSendsIt_IsTheJsonKubectlWouldSend()
    {
        var body = new ProtobufWriter().Message(1, Meta("demo")).Message(2, new ProtobufWriter()).Message(3, new ProtobufWriter().String(1, string.Empty));

        var json = Decode("v1", "Namespace", body);

        AssertJson("""{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"demo","creationTimestamp":null},"spec":{},"status":{}}""", json);
    }

    [Fact]
    public void Pointers_KeepZeroValues_AndValueFieldsOmitThem()
    {
        var spec = new ProtobufWriter().Int(1, 0).Int(5, 0).Bool(7, false).Int(9, 600);

        var json = Decode("apps/v1", "Deployment", new ProtobufWriter().Message(1, Meta("web")).Message(2, spec));

        AssertJson("""{"replicas":0,"progressDeadlineSeconds":600}""", json["spec"]!);
    }

    [Fact]
    public void FieldsWithoutOmitEmpty_AreWrittenWhenZeroOrAbsent()
    {
        var port = new ProtobufWriter().String(1, string.Empty).String(2, "TCP");
        var spec = new ProtobufWriter().Message(1, port);

        var json = Decode("v1", "Service", new ProtobufWriter().Message(1, Meta("s")).Message(2, spec));

        AssertJson("""{"ports":[{"protocol":"TCP","port":0}]}""", json["spec"]!);
    }

    [Fact]
    public void IntOrStringQuantityAndTime_HaveTheirJsonForms()
    {
        var container = new ProtobufWriter().String(1, "app")
            .Message(8, new ProtobufWriter().Entry(1, "cpu", new ProtobufWriter().String(1, "250m")).Entry(2, "memory", new ProtobufWriter().String(1, "64Mi")))
            .Message(10, new ProtobufWriter().Message(1, new ProtobufWriter().Message(2, new ProtobufWriter().String(1, "/healthz").Message(2, new ProtobufWriter().Int(1, 1).String(3, "http")))))
            .Message(11, new ProtobufWriter().Message(1, new ProtobufWriter().Message(3, new ProtobufWriter().Message(1, new ProtobufWriter().Int(1, 0).Int(2, 8080)))));
        var meta = new ProtobufWriter().String(1, "web").Message(8, new ProtobufWriter().Int(1, 1767323045));
        var template = new ProtobufWriter().Message(2, new ProtobufWriter().Message(2, container));
        var spec = new ProtobufWriter().Message(3, template)
            .Message(4, new ProtobufWriter().String(1, "RollingUpdate").Message(2, new ProtobufWriter().Message(1, new ProtobufWriter().Int(1, 1).String(3, "25%"))));

        var json = Decode("apps/v1", "Deployment", new ProtobufWriter().Message(1, meta).Message(2, spec));

        Assert.Equal("2026-01-02T03:04:05Z", json["metadata"]!["creationTimestamp"]!.GetValue<string>());
        AssertJson("""
            {"template":{"spec":{"containers":[{"name":"app",
              "resources":{"limits":{"cpu":"250m"},"requests":{"memory":"64Mi"}},
              "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"}},
              "readinessProbe":{"tcpSocket":{"port":8080}}}]}},
             "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%"}}}
            """, json["spec"]!);
    }

    [Fact]
    public void BytesMaps_AreBase64_AndStringMapsKeepTheirEntries()
    {
        var secret = new ProtobufWriter().Message(1, Meta("s"))
            .Message(2, new ProtobufWriter().String(1, "password").Bytes(2, "hunter2"u8.ToArray()))
            .String(3, "Opaque");
        var configMap = new ProtobufWriter().Message(1, Meta("c")).Entry(2, "a", "b").Entry(2, "c", string.Empty);

        var secretJson = Decode("v1", "Secret", secret);
        var configJson = Decode("v1", "ConfigMap", configMap);

        AssertJson("""{"password":"aHVudGVyMg=="}""", secretJson["data"]!);
        Assert.Equal("Opaque", secretJson["type"]!.GetValue<string>());
        AssertJson("""{"a":"b","c":""}""", configJson["data"]!);
    }

    [Fact]
    public void UnknownFieldNumbers_OfEveryWireType_AreSkipped()
    {
        var meta = Meta("x").Varint(99, 300).Fixed64(100, 7).Bytes(101, [1, 2, 3]).Fixed32(102, 9);
        var body = new ProtobufWriter().Varint(50, 1).Message(1, meta).Fixed32(51, 1).String(60, "v").Fixed64(52, 2);

        var json = Decode("v1", "ServiceAccount", body.Bool(4, false));

        AssertJson("""{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null},"automountServiceAccountToken":false}""", json);
    }

    [Fact]
    public void InlineMembers_BelongToTheParentObject()
    {
        var volume = new ProtobufWriter().String(1, "config")
            .Message(2, new ProtobufWriter().Message(19, new ProtobufWriter().Message(1, new ProtobufWriter().String(1, "app-config")).Int(3, 420)));
        var rule = new ProtobufWriter().String(1, "example.com")
            .Message(2, new ProtobufWriter().Message(1, new ProtobufWriter().Message(1, new ProtobufWriter().String(1, "/").String(3, "Prefix")
                .Message(2, new ProtobufWriter().Message(4, new ProtobufWriter().String(1, "web").Message(2, new ProtobufWriter().String(1, string.Empty).Int(2, 80)))))));
        var pod = new ProtobufWriter().Message(1, volume);

        var deployment = Decode("apps/v1", "Deployment", new ProtobufWriter().Message(2, new ProtobufWriter().Message(3, new ProtobufWriter().Message(2, pod))));
        var ingress = Decode("networking.k8s.io/v1", "Ingress", new ProtobufWriter().Message(2, new ProtobufWriter().Message(3, rule)));

        AssertJson("""[{"name":"config","configMap":{"name":"app-config","defaultMode":420}}]""", deployment["spec"]!["template"]!["spec"]!["volumes"]!);
        AssertJson("""[{"host":"example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]""", ingress["spec"]!["rules"]!);
    }

    [Fact]
    public void PackedAndNegativeIntegers_Decode()
    {
        var requirement = new ProtobufWriter().String(2, "In").Packed(3, 1, -1, 1 << 20);
        var rule = new ProtobufWriter().String(1, "FailJob").Message(2, requirement);
        var spec = new ProtobufWriter().Message(11, new ProtobufWriter().Message(1, rule)).Int(7, -1);

        var json = Decode("batch/v1", "Job", new ProtobufWriter().Message(2, spec));

        AssertJson("""{"podFailurePolicy":{"rules":[{"action":"FailJob","onExitCodes":{"operator":"In","values":[1,-1,1048576]}}]},"backoffLimit":-1}""", json["spec"]!);
    }

    [Fact]
    public void TruncatedBody_Is400NamingTheKind()
    {
        var meta = Meta("c").ToArray();
        var inner = new ProtobufWriter().Bytes(1, meta).ToArray();
        var body = ProtobufWriter.Envelope("v1", "ConfigMap", new ProtobufWriter().Raw(inner.AsSpan(0, inner.Length - 3).ToArray()));
        var envelope = ProtobufWriter.Envelope("v1", "ConfigMap", new ProtobufWriter().Message(1, Meta("c")));

        var error = Assert.Throws<ApiException>(() => ProtobufDecoder.DecodeObject(body, BuiltinModel.ForKind));
        var cut = Assert.Throws<ApiException>(() => ProtobufDecoder.DecodeObject(envelope.AsSpan(0, envelope.Length - 3), BuiltinModel.ForKind));

        Assert.Equal(HttpStatusCode.BadRequest, error.Code);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: proto: unexpected EOF", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, cut.Code);
        Assert.Equal("proto: unexpected EOF", cut.Message);
    }

    [Fact]
    public void WrongWireType_Is400NamingTheField()
    {
        var body = ProtobufWriter.Envelope("v1", "ConfigMap", new ProtobufWriter().Varint(1, 5));

        var error = Assert.Throws<ApiException>(() => ProtobufDecoder.DecodeObject(body, BuiltinModel.ForKind));

        Assert.Equal(HttpStatusCode.BadRequest, error.Code);
        Assert.EndsWith("proto: wrong wireType = 0 for field Metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMagic_Is400()
    {
        var error = Assert.Throws<ApiException>(() => ProtobufDecoder.DecodeObject("{}"u8, BuiltinModel.ForKind));

        Assert.Equal(HttpStatusCode.BadRequest, error.Code);
        Assert.Contains("expected prefix [107 56 115 0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KindOutsideTheModel_Is400()
    {
        var error = Assert.Throws<ApiException>(() => ProtobufDecoder.DecodeObject(ProtobufWriter.Envelope("coordination.k8s.io/v1", "Lease", new ProtobufWriter()), BuiltinModel.ForKind));

        Assert.Equal(HttpStatusCode.BadRequest, error.Code);
    }
}
