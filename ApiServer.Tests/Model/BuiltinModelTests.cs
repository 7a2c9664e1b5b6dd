using Xunit;
using Junction.ApiServer.Model;

namespace Junction.ApiServer.Tests.Model;

public sealed class BuiltinModelTests
{
    [Fact]
    public void EveryMessageReference_Resolves()
    {
        var missing = BuiltinModel.All
            .SelectMany(m => m.Fields.Where(f => f.Kind == FieldKind.Message).Select(f => (m.Name, f.JsonName, f.Message)))
            .Where(r => r.Message is null || BuiltinModel.Find(r.Message) is null)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryMessage_HasDistinctNumbersAndJsonNames()
    {
        foreach (var message in BuiltinModel.All)
        {
            Assert.Equal(message.Fields.Count, message.Fields.Select(f => f.Number).Distinct().Count());
            var names = message.Fields.SelectMany(f => f.Inline ? BuiltinModel.Require(f.Message!).Fields.Select(i => i.JsonName) : [f.JsonName]).ToList();
            Assert.True(names.Count == names.Distinct(StringComparer.Ordinal).Count(), message.Name);
        }
    }

    [Theory]
    [InlineData("v1", "Namespace")]
    [InlineData("v1", "ConfigMap")]
    [InlineData("v1", "Secret")]
    [InlineData("v1", "ServiceAccount")]
    [InlineData("v1", "Service")]
    [InlineData("v1", "ResourceQuota")]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("batch/v1", "Job")]
    [InlineData("batch/v1", "CronJob")]
    [InlineData("rbac.authorization.k8s.io/v1", "Role")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole")]
    [InlineData("rbac.authorization.k8s.io/v1", "RoleBinding")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")]
    [InlineData("networking.k8s.io/v1", "Ingress")]
    [InlineData("policy/v1", "PodDisruptionBudget")]
    [InlineData("scheduling.k8s.io/v1", "PriorityClass")]
    public void ForKind_GeneratorKind_StartsWithObjectMeta(string apiVersion, string kind)
    {
        var message = BuiltinModel.ForKind(apiVersion, kind);

        Assert.NotNull(message);
        Assert.Equal(new FieldModel("metadata", 1, FieldKind.Message, Presence: Presence.Pointer, Message: FieldTable.Meta + "ObjectMeta"), message.Fields[0]);
    }

    [Fact]
    public void ForKind_KindOutsideTheModel_IsNull()
    {
        Assert.Null(BuiltinModel.ForKind("coordination.k8s.io/v1", "Lease"));
        Assert.Null(BuiltinModel.ForKind("v2", "Namespace"));
    }

    [Fact]
    public void Member_LooksThroughInlineFields()
    {
        var probe = BuiltinModel.Require(FieldTable.Core + "Probe");
        var volume = BuiltinModel.Require(FieldTable.Core + "Volume");

        Assert.Equal(FieldTable.Core + "HTTPGetAction", probe.Member("httpGet")?.Message);
        Assert.Null(probe.Member("ProbeHandler"));
        Assert.Equal(10, volume.Member("persistentVolumeClaim")?.Number);
        Assert.True(volume.AcceptsAnyMember);
        Assert.False(probe.AcceptsAnyMember);
    }

    [Fact]
    public void Find_KnownFieldNumbers_MatchThePublishedProto()
    {
        Assert.Equal(17, BuiltinModel.Require(FieldTable.Meta + "ObjectMeta").Member("managedFields")!.Number);
        Assert.Equal(9, BuiltinModel.Require(FieldTable.Apps + "DeploymentSpec").Member("progressDeadlineSeconds")!.Number);
        Assert.Equal(18, BuiltinModel.Require(FieldTable.Core + "ServiceSpec").Member("clusterIPs")!.Number);
        Assert.Equal(5, BuiltinModel.Require(FieldTable.Meta + "OwnerReference").Member("apiVersion")!.Number);
        Assert.Equal(Presence.Pointer, BuiltinModel.Require(FieldTable.Apps + "DeploymentSpec").Member("replicas")!.Presence);
        Assert.Equal(Presence.Always, BuiltinModel.Require(FieldTable.Core + "ServicePort").Member("port")!.Presence);
    }
}
