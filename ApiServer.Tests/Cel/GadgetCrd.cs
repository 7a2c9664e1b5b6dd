using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;

namespace Junction.ApiServer.Tests.Cel;

/// <summary>A test CRD whose rules use what the TrafficPolicy CRD does not: oldSelf, messageExpression, fieldPath, reason, maps and list maps.</summary>
internal static class GadgetCrd
{
    public const string Path = "apis/test.junction.dev/v1/namespaces/default/gadgets";

    public const string CrdPath = "apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    public const string Yaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.test.junction.dev
        spec:
          group: test.junction.dev
          names: {kind: Gadget, listKind: GadgetList, plural: gadgets, singular: gadget}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                    - rule: self.replicas <= self.maxReplicas
                    - rule: self.mode == oldSelf.mode
                      message: mode is immutable
                    - rule: "!has(self.size) || self.size != 13"
                      messageExpression: "'size ' + string(self.size) + ' is unlucky'"
                    - rule: has(self.options)
                      fieldPath: .options
                      reason: FieldValueRequired
                      message: options are required
                    properties:
                      replicas: {type: integer}
                      maxReplicas: {type: integer}
                      mode: {type: string}
                      size: {type: integer}
                      options:
                        type: object
                        properties:
                          a: {type: string}
                      labels:
                        type: object
                        additionalProperties:
                          type: string
                          x-kubernetes-validations:
                          - rule: self.size() <= 5
                            message: label values are at most 5 characters
                      tags:
                        type: array
                        items: {type: string}
                        x-kubernetes-validations:
                        - rule: self.all(t, t.lowerAscii() == t)
                          message: tags are lower case
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items:
                          type: object
                          required: [name]
                          properties:
                            name: {type: string}
                            port: {type: integer}
                          x-kubernetes-validations:
                          - rule: self.port == oldSelf.port
                            message: a port number is immutable
                      numbers:
                        type: array
                        items: {type: integer}
                        x-kubernetes-validations:
                        - rule: self.all(a, self.all(b, self.all(c, a + b + c >= 0)))
        """;

    /// <summary>The CRD as JSON, with <paramref name="edit"/> applied to the spec schema first.</summary>
    public static string Json(Action<JsonObject>? edit = null)
    {
        var crd = YamlJson.Parse(Yaml)!.AsObject();
        edit?.Invoke(SpecSchema(crd));
        return crd.ToJsonString();
    }

    public static JsonObject SpecSchema(JsonObject crd) =>
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!.AsObject();

    /// <summary>A gadget that passes every rule, with <paramref name="spec"/>'s fields merged in.</summary>
    public static JsonObject Gadget(string spec = "{}")
    {
        var merged = JsonNode.Parse("""{"replicas":1,"maxReplicas":3,"mode":"a","options":{}}""")!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(spec)!.AsObject())
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value.DeepClone();
            }
        }

        return new JsonObject
        {
            ["apiVersion"] = "test.junction.dev/v1",
            ["kind"] = "Gadget",
            ["metadata"] = new JsonObject { ["name"] = "g" },
            ["spec"] = merged,
        };
    }
}
