using System.Text.Json;
using Corral.Protocols.Anthropic;
using Corral.Protocols.OpenAI;

namespace Corral.Protocols.Tests.OpenAI;

/// <summary>The bounds of OpenAI's and Anthropic's <c>metadata</c>, exactly at and just past each limit.</summary>
public sealed class RequestMetadataTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Pairs(int count, int keyLength = 2, int valueLength = 1) =>
        "{" + string.Join(',', Enumerable.Range(0, count).Select(i => $"\"{i.ToString("D2")[..2].PadRight(keyLength, 'k')}\":\"{new string('v', valueLength)}\"")) + "}";

    [Fact]
    public void OpenAI_metadata_at_the_limits_is_read_and_the_task_is_trimmed()
    {
        Assert.Null(RequestMetadata.Read(null));
        Assert.Null(RequestMetadata.Read(Json("null")));
        Assert.Equal(16, RequestMetadata.Read(Json(Pairs(16)))!.Count);
        Assert.Single(RequestMetadata.Read(Json(Pairs(1, keyLength: 64, valueLength: 512)))!);
        Assert.Equal("classify", RequestMetadata.Task(RequestMetadata.Read(Json("""{"task":"  classify "}"""))));
        Assert.Null(RequestMetadata.Task(RequestMetadata.Read(Json("""{"task":"  "}"""))));
        Assert.Null(RequestMetadata.Task(RequestMetadata.Read(Json("{}"))));
    }

    [Theory]
    [InlineData(17, 2, 1, "metadata", "metadata may hold at most 16 keys")]
    [InlineData(1, 65, 1, "metadata", "metadata keys must be at most 64 characters")]
    [InlineData(1, 2, 513, "metadata.00", "metadata.00 must be at most 512 characters, not 513")]
    public void OpenAI_metadata_past_a_limit_names_the_field(int count, int keyLength, int valueLength, string param, string message)
    {
        var e = Assert.Throws<ProtocolException>(() => RequestMetadata.Read(Json(Pairs(count, keyLength, valueLength))));
        Assert.Equal(param, e.Param);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenAI_metadata_values_must_be_strings_and_keys_unique()
    {
        Assert.Equal("metadata.n", Assert.Throws<ProtocolException>(() => RequestMetadata.Read(Json("""{"n":null}"""))).Param);
        Assert.Equal("metadata", Assert.Throws<ProtocolException>(() => RequestMetadata.Read(Json("\"task\""))).Param);
        Assert.Equal("metadata.a", Assert.Throws<ProtocolException>(() => RequestMetadata.Read(Json("""{"a":"1","a":"2"}"""))).Param);
    }

    [Fact]
    public void Anthropic_metadata_takes_user_id_up_to_256_characters_and_a_task()
    {
        Assert.Null(AnthropicMetadata.Task(Json($$"""{"user_id":"{{new string('u', 256)}}"}""")));
        Assert.Null(AnthropicMetadata.Task(Json("""{"user_id":null}""")));
        Assert.Equal("classify", AnthropicMetadata.Task(Json("""{"user_id":"u","task":" classify"}""")));
        var e = Assert.Throws<ProtocolException>(() => AnthropicMetadata.Task(Json($$"""{"user_id":"{{new string('u', 257)}}"}""")));
        Assert.Equal(("metadata.user_id", "metadata.user_id: String should have at most 256 characters"), (e.Param, e.Message));
    }
}
