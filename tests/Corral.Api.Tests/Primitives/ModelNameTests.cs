using Corral.Api;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Corral.Api.Tests.Primitives;

public sealed class ModelNameTests
{
    [Theory]
    [InlineData("llama3.2", "registry.ollama.ai", "library", "llama3.2", "latest", "llama3.2:latest")]
    [InlineData("myns/m:tag", "registry.ollama.ai", "myns", "m", "tag", "myns/m:tag")]
    [InlineData("host:5000/ns/m:tag", "host:5000", "ns", "m", "tag", "host:5000/ns/m:tag")]
    [InlineData("hf.co/user/repo:Q4_K_M", "hf.co", "user", "repo", "Q4_K_M", "hf.co/user/repo:Q4_K_M")]
    [InlineData("https://example.com/ns/m", "example.com", "ns", "m", "latest", "example.com/ns/m:latest")]
    [InlineData("http://localhost:5000/ns/m:v1", "localhost:5000", "ns", "m", "v1", "localhost:5000/ns/m:v1")]
    [InlineData("_x/_y:_z", "registry.ollama.ai", "_x", "_y", "_z", "_x/_y:_z")]
    [InlineData("qwen2.5-coder:7b-instruct-q4_K_M", "registry.ollama.ai", "library", "qwen2.5-coder", "7b-instruct-q4_K_M", "qwen2.5-coder:7b-instruct-q4_K_M")]
    public void Parses(string input, string host, string ns, string model, string tag, string shortest)
    {
        var name = ModelName.Parse(input);
        Assert.Equal((host, ns, model, tag), name.ManifestPathParts);
        Assert.Equal(shortest, name.DisplayShortest);
        Assert.Equal($"manifests/{host}/{ns}/{model}/{tag}", name.ManifestRelativePath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a/../../b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("%2e%2e")]
    [InlineData("%2e%2e/x")]
    [InlineData("a\0b")]
    [InlineData("a b")]
    [InlineData("a\\b")]
    [InlineData("model:")]
    [InlineData(":tag")]
    [InlineData("/model")]
    [InlineData("ns/")]
    [InlineData("a/b/c/d")]
    [InlineData("my.ns/m")]
    [InlineData("model@sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("ftp://h/ns/m")]
    [InlineData("-m")]
    [InlineData(".hidden")]
    [InlineData("m:.x")]
    [InlineData("m:a:b/c")]
    [InlineData("sha256:../../etc")]
    public void RejectsInvalid(string input)
    {
        Assert.False(ModelName.TryParse(input, out _));
        Assert.Equal("invalid model name", Assert.Throws<FormatException>(() => ModelName.Parse(input)).Message);
    }

    [Fact]
    public void LengthLimits()
    {
        Assert.True(ModelName.TryParse(new string('m', 80), out _));
        Assert.False(ModelName.TryParse(new string('m', 81), out _));
        Assert.True(ModelName.TryParse(new string('h', 350) + "/n/m", out _));
        Assert.False(ModelName.TryParse(new string('h', 351) + "/n/m", out _));
    }

    [Fact]
    public void EqualityIsCaseInsensitive()
    {
        var a = ModelName.Parse("llama3.2");
        var b = ModelName.Parse("REGISTRY.OLLAMA.AI/library/Llama3.2:latest");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("Llama3.2", b.Model);
        Assert.NotEqual(a, ModelName.Parse("llama3.2:1b"));
        Assert.Equal("llama3.2:1b", a.WithTag("1b").DisplayShortest);
    }

    [Property(MaxTest = 1000)]
    public Property ParseOnlyThrowsFormatException() =>
        Prop.ForAll(Arb.From(Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            Gen.Elements(["a", "/", ":", ".", "..", "_", "-", "%", "\0", "https://", "@", "Z9"]).ListOf().Select(p => string.Concat(p)))), s =>
        {
            var ok = ModelName.TryParse(s, out var name);
            try
            {
                var parsed = ModelName.Parse(s);
                return ok && parsed.Equals(name);
            }
            catch (FormatException)
            {
                return !ok;
            }
        });

    [Property(MaxTest = 500)]
    public Property DisplayRoundTripsAndPartsAreSafe() =>
        Prop.ForAll(Arb.From(Gen.Elements(["a", "/", ":", ".", "_", "-", "B", "7"]).ListOf().Select(p => string.Concat(p))), s =>
        {
            if (!ModelName.TryParse(s, out var name))
            {
                return true;
            }

            var (h, n, m, t) = name.ManifestPathParts;
            var safe = new[] { h, n, m, t }.All(p => p is not ("." or "..") && !p.Contains('/') && !p.Contains('\\') && !p.Contains('%') && p.Length > 0);
            return safe && ModelName.Parse(name.DisplayShortest).Equals(name) && ModelName.Parse(name.ToString()).Equals(name);
        });
}
