using System.Text;

namespace Corral.Server.Tests.Native;

/// <summary>Runs streamed <c>/api/generate</c> requests at once and records, in one global order, when each stream's
/// first token and its final line were read. Ordering, not durations, tells whether streams overlapped.</summary>
internal static class StreamOrder
{
    public sealed record Stream(string Text, int FirstToken, int Done);

    public static async Task<Stream[]> RunAsync(ServerFixture server, IReadOnlyList<string> bodies)
    {
        var clock = 0;
        using var start = new SemaphoreSlim(0);
        var tasks = bodies.Select(async body =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            Assert.Equal(200, (int)response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
            var text = new StringBuilder();
            int? first = null;
            while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                var json = Http.Json(line);
                Assert.False(json.TryGetProperty("error", out var error), error.ToString());
                if (json.GetProperty("done").GetBoolean())
                {
                    return new Stream(text.ToString(), first ?? Interlocked.Increment(ref clock), Interlocked.Increment(ref clock));
                }

                first ??= Interlocked.Increment(ref clock);
                text.Append(json.GetProperty("response").GetString());
            }

            throw new InvalidOperationException("the stream ended without a final line");
        }).ToList();
        start.Release(bodies.Count);
        return await Task.WhenAll(tasks);
    }
}
