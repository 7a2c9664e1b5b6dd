using Xunit;
using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tests.Support;

/// <summary>The widgets.test.junction.dev CRD used by the API server tests: status subresource, Ready condition, printer columns.</summary>
internal static class TestManifests
{
    public const string WidgetCrdYaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.test.junction.dev
        spec:
          group: test.junction.dev
          names:
            kind: Widget
            listKind: WidgetList
            plural: widgets
            singular: widget
            shortNames: [wd]
            categories: [junction]
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - name: Size
              type: integer
              jsonPath: .spec.size
            - name: Ready
              type: string
              jsonPath: .status.conditions[?(@.type=="Ready")].status
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                description: A Widget is a test object with a size and a color.
                properties:
                  spec:
                    type: object
                    description: WidgetSpec is the desired widget.
                    required: [size]
                    properties:
                      size:
                        type: integer
                        description: Size of the widget in units.
                        minimum: 1
                        maximum: 10
                      color:
                        type: string
                        description: Color of the widget.
                        enum: [red, blue]
                      name:
                        type: string
                        pattern: '^[a-z]+$'
                        maxLength: 8
                      tags:
                        type: array
                        maxItems: 2
                        items: {type: string}
                  status:
                    type: object
                    properties:
                      observedGeneration: {type: integer}
                      conditions:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [type]
                        items:
                          type: object
                          required: [type, status]
                          properties:
                            type: {type: string}
                            status: {type: string}
                            reason: {type: string}
                            message: {type: string}
                            lastTransitionTime: {type: string}
                            observedGeneration: {type: integer}
        """;

    public static string WidgetCrdJson() => Junction.ApiServer.Patching.YamlJson.Parse(WidgetCrdYaml)!.ToJsonString();

    public static JsonObject Widget(string name, int size) => new()
    {
        ["apiVersion"] = "test.junction.dev/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["size"] = size },
    };
}
