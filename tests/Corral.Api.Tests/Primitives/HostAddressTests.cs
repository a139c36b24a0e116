using Corral.Api;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Corral.Api.Tests.Primitives;

public sealed class HostAddressTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:11434")]
    [InlineData("", "http://127.0.0.1:11434")]
    [InlineData("1.2.3.4", "http://1.2.3.4:11434")]
    [InlineData(":1234", "http://:1234")]
    [InlineData("1.2.3.4:1234", "http://1.2.3.4:1234")]
    [InlineData("example.com", "http://example.com:11434")]
    [InlineData("example.com:1234", "http://example.com:1234")]
    [InlineData("0.0.0.0", "http://0.0.0.0:11434")]
    [InlineData("0.0.0.0:1234", "http://0.0.0.0:1234")]
    [InlineData("[::1]", "http://[::1]:11434")]
    [InlineData("::1", "http://[::1]:11434")]
    [InlineData("[::1]:1234", "http://[::1]:1234")]
    [InlineData("::", "http://[::]:11434")]
    [InlineData("http://example.com", "http://example.com:80")]
    [InlineData("https://example.com", "https://example.com:443")]
    [InlineData("https://example.com:8443/ollama", "https://example.com:8443/ollama")]
    [InlineData("http://example.com/", "http://example.com:80")]
    [InlineData("  \"example.com:1234\"  ", "http://example.com:1234")]
    [InlineData("'1.2.3.4'", "http://1.2.3.4:11434")]
    [InlineData("example.com:99999", "http://example.com:11434")]
    [InlineData("example.com:abc", "http://example.com:11434")]
    [InlineData("https://example.com:-1", "https://example.com:443")]
    [InlineData("ollama.com", "https://ollama.com:443")]
    public void ParsesLikeOllama(string? value, string expected) =>
        Assert.Equal(expected, HostAddress.Parse(value).ToString());

    [Fact]
    public void BindAndClientAddresses()
    {
        var any = HostAddress.Parse("0.0.0.0:8080");
        Assert.Equal("http://0.0.0.0:8080", any.BindUrl);
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), any.ClientUri);
        var v6 = HostAddress.Parse("[::]:8080");
        Assert.Equal("http://[::]:8080", v6.BindUrl);
        Assert.Equal(new Uri("http://[::1]:8080/"), v6.ClientUri);
        var empty = HostAddress.Parse(":9000");
        Assert.Equal("0.0.0.0", empty.BindHost);
        Assert.Equal(new Uri("http://127.0.0.1:9000/"), empty.ClientUri);
        Assert.Equal(new Uri("https://example.com:8443/ollama"), HostAddress.Parse("https://example.com:8443/ollama").ClientUri);
        Assert.Equal(HostAddress.Default, HostAddress.Parse(null));
    }

    [Fact]
    public void CorralHostWinsOverOllamaHost()
    {
        var env = new Dictionary<string, string?> { ["CORRAL_HOST"] = "1.1.1.1", ["OLLAMA_HOST"] = "2.2.2.2" };
        Assert.Equal("1.1.1.1", HostAddress.FromEnvironment(k => env.GetValueOrDefault(k)).Host);
        env["CORRAL_HOST"] = null;
        Assert.Equal("2.2.2.2", HostAddress.FromEnvironment(k => env.GetValueOrDefault(k)).Host);
    }

    [Property(MaxTest = 1000)]
    public Property NeverThrows() =>
        Prop.ForAll(Arb.From(Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            Gen.Elements(["[", "]", ":", "/", "http", "://", "1", ".", "a", "%", " ", "\"", "::"]).ListOf().Select(p => string.Concat(p)))), s =>
        {
            var h = HostAddress.Parse(s);
            _ = h.ClientUri;
            _ = h.BindUrl;
            return h.Port is >= 0 and <= 65535;
        });
}
