namespace Junction.ApiServer.Watch;

/// <summary>How an object is served, chosen from the request's Accept header.</summary>
internal enum ObjectFormat
{
    /// <summary>The object itself.</summary>
    Full,

    /// <summary>A meta.k8s.io/v1 Table of printer columns (<c>as=Table</c>).</summary>
    Table,

    /// <summary>Only kind, apiVersion and metadata, as meta.k8s.io/v1 PartialObjectMetadata (<c>as=PartialObjectMetadata</c>).</summary>
    Metadata,
}
