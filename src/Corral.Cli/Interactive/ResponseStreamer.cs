using System.Text;
using Corral.Api.Models;
using Corral.Cli.Rendering;

namespace Corral.Cli.Interactive;

/// <summary>The outcome of one streamed answer.</summary>
/// <param name="Content">The full answer text.</param>
/// <param name="Thinking">The full reasoning text.</param>
/// <param name="Final">The last chunk's metrics (null if the stream ended early).</param>
public sealed record StreamResult(string Content, string Thinking, Metrics? Final);

/// <summary>One chunk of a streamed answer, independent of generate/chat.</summary>
public readonly record struct StreamChunk(string Content, string? Thinking, ToolCall[]? ToolCalls, Metrics Metrics, bool Done);

/// <summary>
/// Writes a streamed answer as Ollama does: a spinner on stderr until the first token, reasoning between
/// <c>Thinking...</c> and <c>...done thinking.</c> (grey on a terminal), then the answer, word-wrapped.
/// </summary>
public sealed class ResponseStreamer
{
    private const string Grey = "\x1b[90m", Bold = "\x1b[1m", Reset = "\x1b[0m";
    private readonly CliConsole _console;
    private readonly bool _wordWrap;
    private readonly bool _hideThinking;

    /// <summary>Creates a streamer for one answer.</summary>
    public ResponseStreamer(CliConsole console, bool wordWrap, bool hideThinking)
    {
        _console = console;
        _wordWrap = wordWrap;
        _hideThinking = hideThinking;
    }

    /// <summary>Streams the chunks to stdout. Cancellation propagates to the caller.</summary>
    public async Task<StreamResult> StreamAsync(IAsyncEnumerable<StreamChunk> chunks, CancellationToken cancellationToken)
    {
        var output = _console.Out;
        var plain = !_console.OutputIsTerminal;
        var wrapper = new WordWrapper(output, _wordWrap && _console.OutputIsTerminal, _console.TerminalWidth());
        using var progress = new ProgressRenderer(_console.Error, _console.ErrorIsTerminal, _console.TerminalWidth);
        progress.AddSpinner("");
        var content = new StringBuilder();
        var thinking = new StringBuilder();
        var thinkOpen = false;
        Metrics? final = null;
        try
        {
            await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (chunk.Content.Length > 0 || !_hideThinking)
                {
                    progress.StopAndClear();
                }

                if (!string.IsNullOrEmpty(chunk.Thinking))
                {
                    thinking.Append(chunk.Thinking);
                    if (!_hideThinking)
                    {
                        if (!thinkOpen)
                        {
                            await output.WriteAsync(plain ? "Thinking...\n" : Grey + Bold + "Thinking...\n" + Reset + Grey).ConfigureAwait(false);
                            thinkOpen = true;
                        }

                        wrapper.Write(chunk.Thinking);
                    }
                }

                if (thinkOpen && (chunk.Content.Length > 0 || chunk.ToolCalls is { Length: > 0 }))
                {
                    if (!thinking.ToString().EndsWith('\n'))
                    {
                        await output.WriteAsync('\n').ConfigureAwait(false);
                    }

                    await output.WriteAsync(plain ? "...done thinking.\n\n" : Grey + Bold + "...done thinking.\n\n" + Reset).ConfigureAwait(false);
                    thinkOpen = false;
                    wrapper.Reset();
                }

                content.Append(chunk.Content);
                wrapper.Write(chunk.Content);
                foreach (var call in chunk.ToolCalls ?? [])
                {
                    var args = call.Function.Arguments?.GetRawText() ?? "{}";
                    await output.WriteAsync($"Model called a non-existent function '{call.Function.Name}()' with arguments: {args}\n").ConfigureAwait(false);
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (chunk.Done)
                {
                    final = chunk.Metrics;
                }
            }
        }
        finally
        {
            progress.StopAndClear();
            if (thinkOpen && !plain)
            {
                await output.WriteAsync(Reset).ConfigureAwait(false);
            }
        }

        return new StreamResult(content.ToString(), thinking.ToString(), final);
    }

    /// <summary>Adapts <c>/api/generate</c> chunks.</summary>
    public static async IAsyncEnumerable<StreamChunk> FromGenerate(IAsyncEnumerable<GenerateResponse> source)
    {
        await foreach (var r in source.ConfigureAwait(false))
        {
            yield return new StreamChunk(r.Response, r.Thinking, r.ToolCalls, r, r.Done);
        }
    }

    /// <summary>Adapts <c>/api/chat</c> chunks.</summary>
    public static async IAsyncEnumerable<StreamChunk> FromChat(IAsyncEnumerable<ChatResponse> source)
    {
        await foreach (var r in source.ConfigureAwait(false))
        {
            yield return new StreamChunk(r.Message.Content, r.Message.Thinking, r.Message.ToolCalls, r, r.Done);
        }
    }
}
