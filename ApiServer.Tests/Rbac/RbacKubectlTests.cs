using Xunit;

namespace Junction.ApiServer.Tests.Rbac;

/// <summary>The RBAC, scheduling and quota kinds through the real kubectl: the install manifests apply, and kubectl prints kube-apiserver's columns.</summary>
public sealed class RbacKubectlTests : KubectlTest
{
    private const string RoleYaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: reader
        rules:
        - apiGroups: [""]
          resources: [configmaps]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: reader
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: reader
        subjects:
        - kind: ServiceAccount
          name: app
          namespace: default
        - kind: User
          name: jane
          apiGroup: rbac.authorization.k8s.io
        """;

    [Fact]
    public async Task ApplyKustomize_ConfigDefault_CreatesEveryObjectThenLeavesThemUnchanged()
    {
        var kustomization = Path.Combine(RepoRoot, "config", "default");

        var first = await Run($"apply -k {kustomization}");
        var second = await Run($"apply -k {kustomization}");

        Assert.Contains("namespace/junction-system created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("role.rbac.authorization.k8s.io/junction-leader-election-role created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/junction-manager-role created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("rolebinding.rbac.authorization.k8s.io/junction-leader-election-rolebinding created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("clusterrolebinding.rbac.authorization.k8s.io/junction-manager-rolebinding created", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("deployment.apps/junction-controller-manager created", first.Stdout, StringComparison.Ordinal);
        // The PDB's selector has patch strategy "replace", so kubectl's patch for it is never empty, on a real cluster too.
        var lines = second.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines.Where(l => !l.StartsWith("poddisruptionbudget.policy/", StringComparison.Ordinal)), l => Assert.EndsWith(" unchanged", l, StringComparison.Ordinal));
        Assert.Equal(first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, lines.Length);
        Assert.DoesNotContain(first.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("Warning:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyKustomize_ConfigDefault_RolesAndBindingsAreListed()
    {
        await Run($"apply -k {Path.Combine(RepoRoot, "config", "default")}");

        var roles = Rows((await Run("get role -n junction-system")).Stdout);
        var clusterRoles = Rows((await Run("get clusterrole junction-manager-role")).Stdout);
        var bindings = Rows((await Run("get clusterrolebinding junction-manager-rolebinding -o wide")).Stdout);

        Assert.Equal(["NAME", "CREATED AT"], roles[0]);
        Assert.Equal(["junction-ca-secret-role", "junction-certificaterequest-role", "junction-leader-election-role"], roles.Skip(1).Select(r => r[0]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", roles[1][1]);
        Assert.Equal("junction-manager-role", clusterRoles[1][0]);
        Assert.Equal(["NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS"], bindings[0]);
        Assert.Equal("ClusterRole/junction-manager-role", bindings[1][1]);
        Assert.Equal("junction-system/junction-controller-manager", bindings[1][^1]);
    }

    [Fact]
    public async Task GetRoleBinding_Wide_SplitsSubjectsByKind()
    {
        await Run($"apply -f {File("role.yaml", RoleYaml)}");

        var rows = Rows((await Run("get rolebinding reader -o wide")).Stdout);
        var rules = await Run("get role reader -o jsonpath={.rules[0].verbs}");

        Assert.Equal(["NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS"], rows[0]);
        Assert.Equal("Role/reader", rows[1][1]);
        Assert.Equal("jane", rows[1][3]);
        Assert.Equal("default/app", rows[1][4]);
        Assert.Equal("""["get","list","watch"]""", rules.Stdout);
    }

    [Fact]
    public async Task GetPriorityClassAndQuota_PrintKubeApiserverColumns()
    {
        var manifest = """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: high
            value: 1000
            globalDefault: false
            preemptionPolicy: Never
            ---
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: compute
            spec:
              hard:
                pods: "10"
                requests.cpu: "1"
                limits.memory: 2Gi
            ---
            apiVersion: v1
            kind: LimitRange
            metadata:
              name: defaults
            spec:
              limits:
              - type: Container
                default: {cpu: 500m}
            """;
        await Run($"apply -f {File("misc.yaml", manifest)}");
        var before = Rows((await Run("get quota compute")).Stdout);
        await Run("""patch quota compute --subresource=status --type=merge -p "{\"status\":{\"hard\":{\"pods\":\"10\",\"requests.cpu\":\"1\",\"limits.memory\":\"2Gi\"},\"used\":{\"pods\":\"3\"}}}" """);

        var pc = Rows((await Run("get pc high")).Stdout);
        var quota = Rows((await Run("get quota compute")).Stdout);
        var limits = Rows((await Run("get limits")).Stdout);

        Assert.Equal(["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"], pc[0]);
        Assert.Equal(["high", "1000", "false"], pc[1].Take(3));
        Assert.Equal("Never", pc[1][^1]);
        Assert.Equal(["NAME", "AGE", "REQUEST", "LIMIT"], quota[0]);
        Assert.Equal(2, before[1].Length);
        Assert.Equal("pods: 3/10, requests.cpu: 0/1", quota[1][2]);
        Assert.Equal("limits.memory: 0/2Gi", quota[1][3]);
        Assert.Equal(["NAME", "CREATED AT"], limits[0]);
        Assert.Equal("defaults", limits[1][0]);
    }

    [Fact]
    public async Task Generators_CreateRbacPriorityClassAndQuota()
    {
        var created = new[]
        {
            await Run("create role pod-reader --verb=get,list --resource=pods"),
            await Run("create rolebinding read-pods --role=pod-reader --serviceaccount=default:app"),
            await Run("create clusterrole ns-reader --verb=get --resource=namespaces"),
            await Run("create clusterrolebinding read-nodes --clusterrole=ns-reader --user=jane"),
            await Run("create priorityclass high --value=1000 --description=important"),
            await Run("create quota compute --hard=pods=10,requests.cpu=1"),
        };
        var role = await Run("get role pod-reader -o jsonpath={.rules[0].resources}/{.rules[0].verbs}");
        var binding = Rows((await Run("get clusterrolebinding read-nodes -o wide")).Stdout);

        Assert.Equal(
            ["role.rbac.authorization.k8s.io/pod-reader created", "rolebinding.rbac.authorization.k8s.io/read-pods created",
             "clusterrole.rbac.authorization.k8s.io/ns-reader created", "clusterrolebinding.rbac.authorization.k8s.io/read-nodes created",
             "priorityclass.scheduling.k8s.io/high created", "resourcequota/compute created"],
            created.Select(c => c.Stdout.Trim()));
        Assert.Equal("""["pods"]/["get","list"]""", role.Stdout);
        Assert.Equal("ClusterRole/ns-reader", binding[1][1]);
        Assert.Equal("jane", binding[1][3]);
    }
}
