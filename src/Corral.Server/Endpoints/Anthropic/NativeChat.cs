using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Core.Generation;

namespace Corral.Server.Endpoints.Anthropic;

/// <summary>Starts a native chat and waits for its first chunk, so failures surface before any response byte. A
/// thinking request to a model that cannot think is retried without thinking: on this endpoint it is ignored, not a
/// 400 (Claude Code asks for thinking whatever the model).</summary>
internal sealed class NativeChat : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatResponse> _chunks;

    private NativeChat(IAsyncEnumerator<ChatResponse> chunks, bool any)
    {
        _chunks = chunks;
        Any = any;
    }

    /// <summary>Whether a first chunk arrived (it is <see cref="Current"/>).</summary>
    public bool Any { get; }

    public ChatResponse Current => _chunks.Current;

    public static async Task<NativeChat> StartAsync(Func<ChatRequest, IAsyncEnumerable<ChatResponse>> chat, ChatRequest request, CancellationToken cancellationToken)
    {
        var chunks = chat(request).GetAsyncEnumerator(cancellationToken);
        try
        {
            return new NativeChat(chunks, await chunks.MoveNextAsync());
        }
        catch (CorralException e) when (e.Kind == ErrorKind.BadRequest && request.Think is not null
            && e.Message.EndsWith("does not support thinking", StringComparison.Ordinal))
        {
            await chunks.DisposeAsync();
            chunks = chat(request with { Think = null }).GetAsyncEnumerator(cancellationToken);
        }
        catch
        {
            await chunks.DisposeAsync();
            throw;
        }

        try
        {
            return new NativeChat(chunks, await chunks.MoveNextAsync());
        }
        catch
        {
            await chunks.DisposeAsync();
            throw;
        }
    }

    public ValueTask<bool> MoveNextAsync() => _chunks.MoveNextAsync();

    /// <summary>All chunks, the first included, folded into one answer.</summary>
    public Task<ChatResponse> FoldAsync(CancellationToken cancellationToken) => ResponseFolding.FoldAsync(Remaining(), cancellationToken);

    public ValueTask DisposeAsync() => _chunks.DisposeAsync();

    private async IAsyncEnumerable<ChatResponse> Remaining()
    {
        if (!Any)
        {
            yield break;
        }

        yield return _chunks.Current;
        while (await _chunks.MoveNextAsync())
        {
            yield return _chunks.Current;
        }
    }
}
