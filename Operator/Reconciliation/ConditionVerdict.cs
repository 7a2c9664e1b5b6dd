namespace Junction.Reconciliation;

/// <summary>One computed condition before it is stamped with generation and transition time.</summary>
internal sealed record ConditionVerdict(string Type, string Status, string Reason, string Message)
{
    /// <summary>A True verdict.</summary>
    public static ConditionVerdict True(string type, string reason, string message) => new(type, "True", reason, message);

    /// <summary>A False verdict.</summary>
    public static ConditionVerdict False(string type, string reason, string message) => new(type, "False", reason, message);

    /// <summary>An Unknown verdict: the condition could not be evaluated.</summary>
    public static ConditionVerdict Unknown(string type, string reason, string message) => new(type, "Unknown", reason, message);

    /// <summary>True when the status is "True".</summary>
    public bool IsTrue => Status == "True";
}
