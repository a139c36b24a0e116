using System.Runtime.CompilerServices;
using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Routing.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

public sealed class LocalProviderTests
{
    public static TheoryData<string, FailureClass> Errors() => new()
    {
        { "bad", FailureClass.BadRequest },
        { "missing", FailureClass.LocalFailed },
        { "busy", FailureClass.Overloaded },
        { "internal", FailureClass.LocalFailed },
        { "crash", FailureClass.LocalFailed },
    };

    private static Exception Error(string name) => name switch
    {
        "bad" => CorralException.BadRequest("invalid option"),
        "missing" => new ModelNotFoundException("nope:latest"),
        "busy" => new ServerBusyException(),
        "internal" => CorralException.Internal("decode failed"),
        _ => new InvalidOperationException("boom"),
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Local_errors_are_classified(string error, FailureClass expected)
    {
        var provider = new LocalProvider("local", (_, _) => Throws(Error(error)), TimeProvider.System);

        var e = await Upstream.FailAsync(provider, Upstream.Hello());

        Assert.Equal(expected, e.Failure);
        Assert.StartsWith("local: ", e.Message, StringComparison.Ordinal);
        Assert.True(provider.IsLocal);
    }

    [Fact]
    public async Task A_passed_deadline_is_not_a_target_failure_and_passes_through()
    {
        var provider = new LocalProvider("local", (_, _) => Throws(new RequestTimeoutException(TimeSpan.FromSeconds(2), "waiting for model 'qwen'")), TimeProvider.System);

        var e = await Assert.ThrowsAsync<RequestTimeoutException>(async () =>
        {
            await foreach (var _ in provider.StreamAsync(Upstream.Hello(), new TargetTimeouts(), TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal("request timed out after 2s waiting for model 'qwen'", e.Message);
    }

    [Fact]
    public async Task A_slow_load_is_not_a_failure_even_with_a_first_token_budget()
    {
        var provider = new LocalProvider("local", (_, ct) => Chunks(TimeSpan.FromMilliseconds(400), TimeSpan.Zero, ct), TimeProvider.System);

        var chunks = await Upstream.CollectAsync(provider, Upstream.Hello(), new TargetTimeouts { FirstToken = TimeSpan.FromMilliseconds(50), Idle = TimeSpan.FromSeconds(10) });

        Assert.Equal("ab", Upstream.Content(chunks));
        Assert.True(chunks[^1].Done);
    }

    [Fact]
    public async Task Silence_between_local_chunks_is_idle_timeout()
    {
        var provider = new LocalProvider("local", (_, ct) => Chunks(TimeSpan.Zero, TimeSpan.FromSeconds(10), ct), TimeProvider.System);

        var e = await Upstream.FailAsync(provider, Upstream.Hello(), new TargetTimeouts { Idle = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(FailureClass.IdleTimeout, e.Failure);
    }

    [Fact]
    public async Task A_slow_caller_is_not_an_idle_model()
    {
        var provider = new LocalProvider("local", (_, ct) => Chunks(TimeSpan.Zero, TimeSpan.Zero, ct), TimeProvider.System);
        var text = "";

        await foreach (var chunk in provider.StreamAsync(Upstream.Hello(), new TargetTimeouts { Idle = TimeSpan.FromMilliseconds(100) }, TestContext.Current.CancellationToken))
        {
            text += chunk.Message.Content;
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }

        Assert.Equal("ab", text);
    }

    private static async IAsyncEnumerable<ChatResponse> Throws(Exception e)
    {
        await Task.Yield();
        throw e;
#pragma warning disable CS0162 // an iterator needs a yield
        yield break;
#pragma warning restore CS0162
    }

    private static async IAsyncEnumerable<ChatResponse> Chunks(TimeSpan load, TimeSpan gap, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(load, cancellationToken);
        yield return new ChatResponse { Message = new Message { Role = "assistant", Content = "a" } };
        await Task.Delay(gap, cancellationToken);
        yield return new ChatResponse { Message = new Message { Role = "assistant", Content = "b" } };
        yield return new ChatResponse { Done = true, DoneReason = "stop" };
    }
}
