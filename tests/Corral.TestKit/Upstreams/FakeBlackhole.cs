using System.Net;
using System.Net.Sockets;

namespace Corral.TestKit.Upstreams;

/// <summary>
/// A loopback port where TCP connects hang: a listener with a full accept queue that never accepts, so the kernel
/// drops new SYNs and the client's connect neither succeeds nor fails. For connect-timeout tests.
/// </summary>
public sealed class FakeBlackhole : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _fillers = [];

    private FakeBlackhole()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
    }

    public Uri Uri { get; }

    /// <summary>Opens the listener and fills its queue until a connect no longer completes.</summary>
    public static async Task<FakeBlackhole> StartAsync(CancellationToken cancellationToken)
    {
        var hole = new FakeBlackhole();
        for (var i = 0; i < 16; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            hole._fillers.Add(filler);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(300));
            try
            {
                await filler.ConnectAsync(hole._listener.LocalEndPoint!, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return hole;
            }
        }

        hole.Dispose();
        throw new InvalidOperationException("could not fill the accept queue of a loopback listener");
    }

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }

        _listener.Dispose();
    }
}
