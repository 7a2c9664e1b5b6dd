namespace Junction.Runtime.Informers;

/// <summary>What the manager needs from an informer of any kind.</summary>
public interface IInformer
{
    /// <summary>The watched kind, for logs and the <c>kind</c> label of metrics.</summary>
    string Kind { get; }

    /// <summary>Whether the first list has been stored and delivered.</summary>
    bool HasSynced { get; }

    /// <summary>Completes when <see cref="HasSynced"/> becomes true.</summary>
    Task Synced { get; }

    /// <summary>Lists, watches and resyncs until <paramref name="cancellationToken"/> is cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
