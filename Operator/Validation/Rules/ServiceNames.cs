namespace Junction.Validation.Rules;

/// <summary>Service names are DNS-1035 labels (Kubernetes rejects others).</summary>
internal static class ServiceNames
{
    public static void Check<T>(string? name, string path, Reporter<T> report)
    {
        if (!string.IsNullOrEmpty(name) && !Syntax.IsDns1035Label(name))
        {
            report.Error(path, $"\"{name}\" {Syntax.Dns1035LabelMessage}");
        }
    }
}
