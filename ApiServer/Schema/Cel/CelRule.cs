namespace Junction.ApiServer.Schema.Cel;

/// <summary>One compiled <c>x-kubernetes-validations</c> entry.</summary>
internal sealed record CelRule(
    string Rule,
    string Message,
    string MessageExpression,
    string? Reason,
    string? NormalizedFieldPath,
    CelProgram Program,
    CelProgram? MessageProgram)
{
    /// <summary>kube-apiserver's ruleErrorString: the message if there is one, else the rule.</summary>
    public string ErrorString => Message.Trim().Length > 0 ? Message.Trim() : Rule.Trim();

    /// <summary>kube-apiserver's ruleMessageOrDefault.</summary>
    public string MessageOrDefault => Message.Trim().Length > 0 ? Message.Trim() : $"failed rule: {ErrorString}";
}
