using Junction.Injection;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Injection;

public sealed class SidecarInjectorTests
{
    [Fact]
    public void Decide_PodInEnabledNamespace_PatchMatchesGolden()
    {
        var outcome = SidecarInjector.Decide(InjectionCases.Pod(), "demo", namespaceEnabled: true, InjectionCases.Options);

        var patch = Assert.IsType<InjectionPatch>(outcome);
        InjectionCases.Golden("native-sidecar.patch.json", InjectionCases.Pretty(patch.Operations));
    }

    [Fact]
    public void Decide_BeforeKubernetes129_ProxyFirstContainerWithPostStartWaitMatchesGolden()
    {
        var outcome = SidecarInjector.Decide(InjectionCases.Pod(), "demo", namespaceEnabled: true, InjectionCases.Options with { NativeSidecar = false });

        var patch = Assert.IsType<InjectionPatch>(outcome);
        InjectionCases.Golden("container-sidecar.patch.json", InjectionCases.Pretty(patch.Operations));
        var pod = InjectionCases.Apply(InjectionCases.Pod(), patch.Operations);
        Assert.Equal(["junction-proxy", "web"], pod.Spec.Containers.Select(c => c.Name));
        Assert.Equal(["junction-init", "junction-install-agent"], pod.Spec.InitContainers.Select(c => c.Name));
        Assert.Null(pod.Spec.Containers[0].RestartPolicy);
        Assert.Equal(["/junction/bin/junction-agent", "wait", "--health-port", "15021", "--timeout-seconds", "120"], pod.Spec.Containers[0].Lifecycle.PostStart.Exec.Command);
    }

    [Fact]
    public void Decide_PatchedPod_HasNativeSidecarInitContainerProbesUidAndVolumes()
    {
        var patch = Assert.IsType<InjectionPatch>(SidecarInjector.Decide(InjectionCases.Pod(), "demo", true, InjectionCases.Options));

        var pod = InjectionCases.Apply(InjectionCases.Pod(), patch.Operations);

        Assert.Equal(["junction-init", "junction-install-agent", "junction-proxy"], pod.Spec.InitContainers.Select(c => c.Name));
        Assert.Equal(["web"], pod.Spec.Containers.Select(c => c.Name));
        var init = pod.Spec.InitContainers[0];
        Assert.Equal(["/app/junction", "init-net"], init.Command.Concat(init.Args));
        Assert.Equal(["NET_ADMIN", "NET_RAW"], init.SecurityContext.Capabilities.Add);
        Assert.Equal(0, init.SecurityContext.RunAsUser);
        var proxy = pod.Spec.InitContainers[2];
        Assert.Equal("Always", proxy.RestartPolicy);
        Assert.Equal("haproxy:3.2.4", proxy.Image);
        Assert.Equal((1337L, 1337L), (proxy.SecurityContext.RunAsUser!.Value, proxy.SecurityContext.RunAsGroup!.Value));
        Assert.Equal(("/healthz/ready", "15021"), (proxy.StartupProbe.HttpGet.Path, proxy.StartupProbe.HttpGet.Port.Value));
        Assert.Equal("15021", proxy.ReadinessProbe.HttpGet.Port.Value);
        Assert.Contains("sidecar/$(POD_NAMESPACE)/$(SERVICE_ACCOUNT)", proxy.Args);
        Assert.Equal("spec.serviceAccountName", proxy.Env.Single(e => e.Name == "SERVICE_ACCOUNT").ValueFrom.FieldRef.FieldPath);
        Assert.Equal(["junction-run", "junction-bundle", "junction-bin", "junction-trust", "junction-token"], pod.Spec.Volumes.Select(v => v.Name));
        var token = pod.Spec.Volumes.Single(v => v.Name == "junction-token").Projected.Sources.Single().ServiceAccountToken;
        Assert.Equal(("junction", "token"), (token.Audience, token.Path));
        Assert.Equal("1.0.0", pod.Metadata.Annotations[InjectionNames.InjectedAnnotation]);
    }

    [Fact]
    public void Decide_AlreadyInjectedPod_NoPatch()
    {
        var patch = Assert.IsType<InjectionPatch>(SidecarInjector.Decide(InjectionCases.Pod(), "demo", true, InjectionCases.Options));
        var injected = InjectionCases.Apply(InjectionCases.Pod(), patch.Operations);

        var again = SidecarInjector.Decide(injected, "demo", true, InjectionCases.Options);

        Assert.Equal(new InjectionSkipped("the pod already has container junction-proxy"), again);
    }

    [Fact]
    public void Decide_AlreadyInjectedAsContainer_NoPatchEvenWithNativeLayout()
    {
        var patch = Assert.IsType<InjectionPatch>(SidecarInjector.Decide(InjectionCases.Pod(), "demo", true, InjectionCases.Options with { NativeSidecar = false }));
        var injected = InjectionCases.Apply(InjectionCases.Pod(), patch.Operations);

        Assert.IsType<InjectionSkipped>(SidecarInjector.Decide(injected, "demo", true, InjectionCases.Options));
    }

    [Fact]
    public void Decide_OptOutAnnotation_NoPatch()
    {
        var pod = InjectionCases.Pod(p => p.Metadata.Annotations = new Dictionary<string, string> { ["traffic.junction.dev/inject"] = "false" });

        var outcome = SidecarInjector.Decide(pod, "demo", true, InjectionCases.Options);

        Assert.Equal(new InjectionSkipped("the pod opted out (traffic.junction.dev/inject: \"false\")"), outcome);
    }

    [Fact]
    public void Decide_NamespaceNotLabelledInCache_NoPatch()
    {
        var outcome = SidecarInjector.Decide(InjectionCases.Pod(), "demo", namespaceEnabled: false, InjectionCases.Options);

        Assert.Equal(new InjectionSkipped("namespace demo is not labelled traffic.junction.dev/inject=enabled"), outcome);
    }

    [Fact]
    public void Decide_NamespaceUnknownToCache_InjectsAsTheSelectorAdmittedIt()
    {
        Assert.IsType<InjectionPatch>(SidecarInjector.Decide(InjectionCases.Pod(), "demo", namespaceEnabled: null, InjectionCases.Options));
    }

    [Theory]
    [InlineData("junction-system")]
    [InlineData("kube-system")]
    public void Decide_OperatorOrSystemNamespace_NoPatchWhateverTheLabel(string ns)
    {
        Assert.IsType<InjectionSkipped>(SidecarInjector.Decide(InjectionCases.Pod(), ns, namespaceEnabled: true, InjectionCases.Options));
    }

    [Fact]
    public void Decide_HostNetworkPod_NoPatch()
    {
        var pod = InjectionCases.Pod(p => p.Spec.HostNetwork = true);

        Assert.Equal(new InjectionSkipped("the pod uses the host network"), SidecarInjector.Decide(pod, "demo", true, InjectionCases.Options));
    }

    [Fact]
    public void Decide_PodWithOwnInitContainersVolumesAndAnnotations_OursGoFirstTheirsKept()
    {
        var pod = InjectionCases.Pod(p =>
        {
            p.Metadata.Annotations = new Dictionary<string, string> { ["team"] = "web" };
            p.Spec.InitContainers = [new V1Container { Name = "migrate", Image = "migrate:1" }];
            p.Spec.Volumes = [new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource() }];
        });

        var patch = Assert.IsType<InjectionPatch>(SidecarInjector.Decide(pod, "demo", true, InjectionCases.Options));
        var patched = InjectionCases.Apply(pod, patch.Operations);

        Assert.Equal(["junction-init", "junction-install-agent", "junction-proxy", "migrate"], patched.Spec.InitContainers.Select(c => c.Name));
        Assert.Equal(["cache", "junction-run", "junction-bundle", "junction-bin", "junction-trust", "junction-token"], patched.Spec.Volumes.Select(v => v.Name));
        Assert.Equal(("web", "1.0.0"), (patched.Metadata.Annotations["team"], patched.Metadata.Annotations[InjectionNames.InjectedAnnotation]));
    }

    [Fact]
    public void Decide_ExcludedPortAnnotations_PassedToInitNet()
    {
        var pod = InjectionCases.Pod(p => p.Metadata.Annotations = new Dictionary<string, string>
        {
            [SidecarInjector.ExcludeInboundAnnotation] = "5432, 3306",
            [SidecarInjector.ExcludeOutboundAnnotation] = "6379",
        });

        var patch = Assert.IsType<InjectionPatch>(SidecarInjector.Decide(pod, "demo", true, InjectionCases.Options));
        var init = InjectionCases.Apply(pod, patch.Operations).Spec.InitContainers[0];

        Assert.Equal(["init-net", "--exclude-inbound-ports", "5432,3306", "--exclude-outbound-ports", "6379"], init.Args);
    }

    [Theory]
    [InlineData("15021", "annotation traffic.junction.dev/exclude-inbound-ports: 15021 is one of the proxy's own ports and cannot be excluded")]
    [InlineData("http", "annotation traffic.junction.dev/exclude-inbound-ports: \"http\" is not a port (1-65535)")]
    public void Decide_BadExcludedPorts_Refused(string value, string message)
    {
        var pod = InjectionCases.Pod(p => p.Metadata.Annotations = new Dictionary<string, string> { [SidecarInjector.ExcludeInboundAnnotation] = value });

        Assert.Equal(new InjectionRefused(message), SidecarInjector.Decide(pod, "demo", true, InjectionCases.Options));
    }
}
