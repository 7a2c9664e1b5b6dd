using Junction.ApiServer.Schema.Shapes;

namespace Junction.ApiServer.Tests.OpenApi;

/// <summary>A small hand-written shape of Deployment and Pod: enough to prove the generator without the full model.</summary>
internal sealed class HandShapes : IBuiltinShapes
{
    private const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private const string Core = "io.k8s.api.core.v1.";
    private const string Apps = "io.k8s.api.apps.v1.";

    private static readonly Dictionary<string, ShapeType> Types = new ShapeType[]
    {
        new(Apps + "Deployment", "Deployment enables declarative updates for Pods and ReplicaSets.",
        [
            new("metadata", ShapeValue.Object, TypeName: Meta + "ObjectMeta", Description: "Standard object's metadata."),
            new("spec", ShapeValue.Object, TypeName: Apps + "DeploymentSpec", Description: "Specification of the desired behavior of the Deployment."),
        ]),
        new(Apps + "DeploymentSpec", "DeploymentSpec is the specification of the desired behavior of the Deployment.",
        [
            new("replicas", ShapeValue.Int32, Description: "Number of desired pods."),
            new("selector", ShapeValue.Object, TypeName: Meta + "LabelSelector", Description: "Label selector for pods.", Required: true),
            new("template", ShapeValue.Object, TypeName: Core + "PodTemplateSpec", Description: "Template describes the pods that will be created.", Required: true),
            new("strategy", ShapeValue.Object, TypeName: Apps + "DeploymentStrategy", Description: "The deployment strategy to use to replace existing pods with new ones."),
        ]),
        new(Apps + "DeploymentStrategy", "DeploymentStrategy describes how to replace existing pods with new ones.",
        [
            new("type", ShapeValue.String, Description: "Type of deployment."),
            new("maxSurge", ShapeValue.IntOrString, Description: "The maximum number of pods above the desired number."),
        ]),
        new(Meta + "LabelSelector", "A label selector is a label query over a set of resources.",
        [
            new("matchLabels", ShapeValue.String, ShapeRepeat.Map, Description: "matchLabels is a map of {key,value} pairs."),
        ]),
        new(Meta + "ObjectMeta", "ObjectMeta is metadata that all persisted resources must have.",
        [
            new("name", ShapeValue.String, Description: "Name must be unique within a namespace."),
            new("labels", ShapeValue.String, ShapeRepeat.Map, Description: "Map of string keys and values."),
            new("creationTimestamp", ShapeValue.Time, Description: "When the object was created."),
        ]),
        new(Core + "PodTemplateSpec", "PodTemplateSpec describes the data a pod should have when created from a template.",
        [
            new("metadata", ShapeValue.Object, TypeName: Meta + "ObjectMeta", Description: "Standard object's metadata."),
            new("spec", ShapeValue.Object, TypeName: Core + "PodSpec", Description: "Specification of the desired behavior of the pod."),
        ]),
        new(Core + "Pod", "Pod is a collection of containers that can run on a host.",
        [
            new("metadata", ShapeValue.Object, TypeName: Meta + "ObjectMeta", Description: "Standard object's metadata."),
            new("spec", ShapeValue.Object, TypeName: Core + "PodSpec", Description: "Specification of the desired behavior of the pod."),
        ]),
        new(Core + "PodSpec", "PodSpec is a description of a pod.",
        [
            new("containers", ShapeValue.Object, ShapeRepeat.List, Core + "Container", "List of containers belonging to the pod.", Required: true),
        ]),
        new(Core + "Container", "A single application container that you want to run within a pod.",
        [
            new("name", ShapeValue.String, Description: "Name of the container specified as a DNS_LABEL.", Required: true),
            new("image", ShapeValue.String, Description: "Container image name."),
            new("resources", ShapeValue.Object, TypeName: Core + "ResourceRequirements", Description: "Compute Resources required by this container."),
        ]),
        new(Core + "ResourceRequirements", "ResourceRequirements describes the compute resource requirements.",
        [
            new("limits", ShapeValue.Quantity, ShapeRepeat.Map, Description: "Limits describes the maximum amount of compute resources allowed."),
        ]),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public string? KindType(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("apps/v1", "Deployment") => Apps + "Deployment",
        ("v1", "Pod") => Core + "Pod",
        _ => null,
    };

    public ShapeType? Type(string name) => Types.GetValueOrDefault(name);
}
