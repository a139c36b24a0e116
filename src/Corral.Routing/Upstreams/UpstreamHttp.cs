using System.Net.Sockets;

namespace Corral.Routing.Upstreams;

/// <summary>
/// The HttpClient of one remote provider: a <see cref="SocketsHttpHandler"/> that never follows redirects (a key must
/// not travel to another host), recycles pooled connections (DNS changes are seen) and enforces each attempt's
/// connect budget with the injected <see cref="TimeProvider"/> (the budget travels in the request's options).
/// </summary>
internal static class UpstreamHttp
{
    /// <summary>The attempt's connect budget, read by the connect callback.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> ConnectBudget = new("corral.connect_budget");

    public static HttpClient CreateClient(TimeSpan? defaultConnect, TimeProvider time, HttpMessageHandler? handler)
    {
        if (handler is not null)
        {
            return new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        }

        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context, defaultConnect, time, cancellationToken),
        };
        return new HttpClient(sockets, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, TimeSpan? defaultBudget, TimeProvider time, CancellationToken cancellationToken)
    {
        TimeSpan? budget = context.InitialRequestMessage.Options.TryGetValue(ConnectBudget, out var b) ? b : defaultBudget;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timer = new CancellationTokenSource(budget ?? Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, linked.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ConnectBudgetExceededException(budget!.Value);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
