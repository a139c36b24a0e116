using Corral.Routing.Log;

namespace Corral.Routing.Tests.Router;

internal sealed class ListLog : IRouterLog
{
    private readonly List<AttemptRecord> _records = [];

    public void Append(AttemptRecord record)
    {
        lock (_records)
        {
            _records.Add(record);
        }
    }

    public IReadOnlyList<AttemptRecord> Records
    {
        get
        {
            lock (_records)
            {
                return _records.ToArray();
            }
        }
    }

    public IReadOnlyList<AttemptRecord> For(string requestId) => Records.Where(r => r.RequestId == requestId).OrderBy(r => r.Attempt).ToArray();
}
