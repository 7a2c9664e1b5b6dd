using Junction.ApiServer.Selectors;

namespace Junction.ApiServer.Store;

/// <summary>What a list or watch asks for: namespace, selectors, paging and the resourceVersion to start from.</summary>
internal sealed record ListQuery(
    string Namespace,
    LabelSelector Labels,
    FieldSelector Fields,
    int Limit,
    string? Continue,
    string? ResourceVersion,
    bool SendInitialEvents);
