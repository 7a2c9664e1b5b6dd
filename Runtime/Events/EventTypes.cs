namespace Junction.Runtime.Events;

/// <summary>The two Event types Kubernetes knows.</summary>
public static class EventTypes
{
    /// <summary>Something happened as expected.</summary>
    public const string Normal = "Normal";

    /// <summary>Something went wrong or needs attention.</summary>
    public const string Warning = "Warning";
}
