using System.Text.Json;
using Corral.Core.Errors;
using Corral.Core.Generation;

namespace Corral.Core.Tests.Generation;

/// <summary>API <c>options</c> and Modelfile PARAMETERs: Ollama's names, types and coercions; nothing ignored silently.</summary>
public sealed class OptionsResolverTests
{
    private static Dictionary<string, JsonElement> Options(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void RequestOptions_OverrideModelParameters_AndNumbersAreCoercedAsOllamaDoes()
    {
        var resolved = OptionsResolver.Resolve(
            Options("""{"temperature":0.2,"num_ctx":1024,"stop":["a"]}"""),
            Options("""{"num_ctx":4096.9,"use_mmap":false,"stop":["b","c"],"seed":null}"""));
        Assert.Equal(0.2f, resolved.Temperature);
        Assert.Equal(4096, resolved.NumCtx);
        Assert.False(resolved.UseMmap);
        Assert.Equal(["b", "c"], resolved.Stop);
        Assert.Equal(-1, resolved.Seed); // null means "not set": the default stays
    }

    [Theory]
    [InlineData("""{"num_ctx":"4096"}""", "option 'num_ctx' must be a number, got a string")]
    [InlineData("""{"use_mmap":1}""", "option 'use_mmap' must be true or false, got a number")]
    [InlineData("""{"stop":[1]}""", "option 'stop' must be a list of strings, got a number in it")]
    [InlineData("""{"num_ctx":0}""", "option 'num_ctx' must be greater than 0")]
    [InlineData("""{"made_up":1}""", "unknown option 'made_up'")]
    [InlineData("""{"mirostat":2}""", "option 'mirostat' is deprecated and not supported")]
    public void WrongOrUnknownOptions_AreA400NamingThem(string json, string message)
    {
        var error = Assert.Throws<CorralException>(() => OptionsResolver.Resolve(null, Options(json)));
        Assert.Equal(ErrorKind.BadRequest, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void DeprecatedOptions_AtTheirNeutralValue_AreAccepted() =>
        OptionsResolver.Resolve(null, Options("""{"mirostat":0,"use_mlock":false}"""));
}
