using Xunit;

namespace Junction.ApiServer.Tests.Simulation;

/// <summary>The real kubectl against the simulated workloads: rollout status/history/undo, get pods, wait, set image, scale, jobs.</summary>
public sealed class WorkloadKubectlTests : KubectlTest
{
    private const string DeploymentYaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
        """;

    protected override ApiServerOptions Options => new() { SimulateWorkloads = true };

    [Fact]
    public async Task ApplyDeployment_RolloutStatusGetPodsAndWait_Succeed()
    {
        await Run($"apply -f {File("web.yaml", DeploymentYaml)}");

        var status = await Run("rollout status deployment/web --timeout=20s");
        var pods = await Run("get pods -l app=web");
        var wait = await Run("wait --for=condition=Ready pod -l app=web --timeout=20s");
        var deploy = await Run("get deployment web");

        Assert.Contains("deployment \"web\" successfully rolled out", status.Stdout, StringComparison.Ordinal);
        var lines = pods.Stdout.Trim().Split('\n');
        Assert.Matches("^NAME +READY +STATUS +RESTARTS +AGE$", lines[0]);
        Assert.Equal(2, lines.Skip(1).Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^web-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +0 ")));
        Assert.Equal(2, wait.Stdout.Split('\n').Count(l => l.EndsWith("condition met", StringComparison.Ordinal)));
        Assert.Matches(@"web +2/2 +2 +2 ", deploy.Stdout);
    }

    [Fact]
    public async Task GetPods_NativeSidecarCountsInReady_AsKubeApiserverPrintsIt()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: meshed
            spec:
              initContainers:
              - name: setup
                image: busybox
              - name: proxy
                image: haproxy
                restartPolicy: Always
              containers:
              - name: app
                image: nginx
            """;
        await Run($"apply -f {File("meshed.yaml", pod)}");
        await Run("wait --for=condition=Ready pod/meshed --timeout=20s");

        var pods = await Run("get pod meshed");

        // Two containers run (the app and the sidecar); the finished init container does not count.
        Assert.Matches(@"meshed +2/2 +Running +0 ", pods.Stdout);
    }

    [Fact]
    public async Task SetImage_HistoryListsRevisions_UndoRestoresTheFirst()
    {
        await Run($"apply -f {File("web.yaml", DeploymentYaml)}");
        await Run("rollout status deployment/web --timeout=20s");

        await Run("set image deployment/web nginx=nginx:1.27");
        await Run("rollout status deployment/web --timeout=20s");
        var history = await Run("rollout history deployment/web");
        await Run("rollout undo deployment/web");
        await Run("rollout status deployment/web --timeout=20s");
        var image = await Run("get deployment web -o jsonpath={.spec.template.spec.containers[0].image}");
        var after = await Run("rollout history deployment/web");
        await Eventually.True(() => PodImages().Result == "nginx:1.25,nginx:1.25", "the pods run the first image again", TimeSpan.FromSeconds(20));

        Assert.Matches(@"(?m)^1 +<none>\s*$", history.Stdout);
        Assert.Matches(@"(?m)^2 +<none>\s*$", history.Stdout);
        Assert.Equal("nginx:1.25", image.Stdout);
        Assert.Matches(@"(?m)^2 +<none>\s*$", after.Stdout);
        Assert.Matches(@"(?m)^3 +<none>\s*$", after.Stdout);
        Assert.DoesNotMatch(@"(?m)^1 +<none>\s*$", after.Stdout);
    }

    [Fact]
    public async Task Scale_ChangesThePodCount()
    {
        await Run($"apply -f {File("web.yaml", DeploymentYaml)}");
        await Run("rollout status deployment/web --timeout=20s");

        await Run("scale deployment/web --replicas=3");
        await Run("rollout status deployment/web --timeout=20s");
        var up = await Run("get pods -l app=web -o name");
        await Run("scale deployment/web --replicas=1");
        await Eventually.True(() => Run("get pods -l app=web -o name").Result.Stdout.Trim().Split('\n').Length == 1, "one pod is left", TimeSpan.FromSeconds(20));

        Assert.Equal(3, up.Stdout.Trim().Split('\n').Length);
    }

    [Fact]
    public async Task Job_WaitForComplete_Succeeds()
    {
        await Run($"apply -f {File("job.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: migrate
                    image: busybox:1.36
            """)}");

        var wait = await Run("wait --for=condition=complete job/migrate --timeout=20s");
        var jobs = await Run("get jobs");
        var pods = await Run("get pods");

        Assert.Contains("job.batch/migrate condition met", wait.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"migrate +Complete +1/1 ", jobs.Stdout);
        // A finished pod shows its container's reason, as kubectl prints it against a cluster.
        Assert.Matches(@"migrate-[a-z0-9]{5} +0/1 +Completed +0 ", pods.Stdout);
    }

    private async Task<string> PodImages()
    {
        var result = await TryRun("get pods -l app=web -o jsonpath={.items[*].spec.containers[0].image}");
        return string.Join(",", result.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
