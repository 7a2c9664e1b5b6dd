namespace Junction.ApiServer.Webhooks;

/// <summary>
/// Leaves the store's lock while webhooks are called and takes it again as deeply as it was held, so a
/// slow webhook does not stop every other request (and a webhook may itself read the API server).
/// </summary>
internal sealed class GateRelease : IDisposable
{
    private readonly object gate;
    private readonly int depth;

    public GateRelease(object gate)
    {
        this.gate = gate;
        while (Monitor.IsEntered(gate))
        {
            Monitor.Exit(gate);
            depth++;
        }
    }

    public void Dispose()
    {
        for (var i = 0; i < depth; i++)
        {
            Monitor.Enter(gate);
        }
    }
}
