using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Corral.Routing.Upstreams;

/// <summary>
/// The per-token path without DTOs: most events of a stream are one text or reasoning delta, read here with a
/// <see cref="Utf8JsonReader"/> straight from the line's bytes (the only allocation is the text itself). Anything
/// else (tool calls, finish reasons, usage, errors, several choices) returns false and goes through the
/// source-generated DTOs. Malformed JSON throws <see cref="JsonException"/> as deserialization would.
/// </summary>
internal static class FastDeltas
{
    /// <summary>Anthropic <c>content_block_delta</c> with a <c>text_delta</c> or <c>thinking_delta</c>.</summary>
    public static bool TryAnthropic(ReadOnlySpan<byte> data, [NotNullWhen(true)] out string? text, out bool thinking)
    {
        text = null;
        thinking = false;
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var isDelta = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (!reader.ValueTextEquals("content_block_delta"u8))
                {
                    return false;
                }

                isDelta = true;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject || !TryAnthropicDelta(ref reader, out text, out thinking))
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return isDelta && text is not null;
    }

    private static bool TryAnthropicDelta(ref Utf8JsonReader reader, out string? text, out bool thinking)
    {
        text = null;
        thinking = false;
        string? kind = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.ValueTextEquals("text_delta"u8) ? "text" : reader.ValueTextEquals("thinking_delta"u8) ? "thinking" : null;
                if (kind is null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("thinking"u8))
            {
                thinking = reader.ValueTextEquals("thinking"u8);
                reader.Read();
                text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return text is not null && kind == (thinking ? "thinking" : "text");
    }

    /// <summary>An OpenAI chunk whose only news is <c>choices[0].delta.content</c> and/or reasoning (either may be
    /// null: a role-only chunk).</summary>
    public static bool TryOpenAI(ReadOnlySpan<byte> data, out string? content, out string? reasoning)
    {
        content = null;
        reasoning = null;
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var sawChoices = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject
                    || !TryOpenAIChoice(ref reader, out content, out reasoning)
                    || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                {
                    return false;
                }

                sawChoices = true;
            }
            else if (reader.ValueTextEquals("usage"u8) || reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return sawChoices;
    }

    private static bool TryOpenAIChoice(ref Utf8JsonReader reader, out string? content, out string? reasoning)
    {
        content = null;
        reasoning = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isContent = reader.ValueTextEquals("content"u8);
                    var isReasoning = reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8);
                    if (reader.ValueTextEquals("tool_calls"u8))
                    {
                        return false;
                    }

                    reader.Read();
                    if (isContent && reader.TokenType == JsonTokenType.String)
                    {
                        content = reader.GetString();
                    }
                    else if (isReasoning && reader.TokenType == JsonTokenType.String)
                    {
                        reasoning ??= reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("finish_reason"u8) || reader.ValueTextEquals("index"u8))
            {
                var finish = reader.ValueTextEquals("finish_reason"u8);
                reader.Read();
                if (finish ? reader.TokenType != JsonTokenType.Null : reader.TokenType != JsonTokenType.Number || reader.GetInt32() != 0)
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }
}
