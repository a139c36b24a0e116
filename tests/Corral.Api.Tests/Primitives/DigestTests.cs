using System.Text;
using Corral.Api;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Corral.Api.Tests.Primitives;

public sealed class DigestTests
{
    private const string Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("sha256:" + Hex)]
    [InlineData("sha256-" + Hex)]
    public void ParsesBothForms(string input)
    {
        var d = Digest.Parse(input);
        Assert.Equal("sha256:" + Hex, d.ToString());
        Assert.Equal("sha256-" + Hex, d.BlobFileName);
        Assert.Equal(Hex, d.Hex);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256:" + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:abc")]
    [InlineData("sha256:" + Hex + "0")]
    [InlineData("sha256:../../etc")]
    [InlineData("sha256:../../../../../../../../../../../../../../../../../../../../etc/passwd")]
    [InlineData("sha256%3a" + Hex)]
    [InlineData("sha256/" + Hex)]
    [InlineData("SHA256:" + Hex)]
    [InlineData("sha512:" + Hex)]
    [InlineData(" sha256:" + Hex)]
    [InlineData("sha256:" + Hex + "\0")]
    [InlineData("sha256:%2e%2e")]
    [InlineData(Hex)]
    public void RejectsInvalid(string input)
    {
        Assert.False(Digest.TryParse(input, out _));
        Assert.Throws<FormatException>(() => Digest.Parse(input));
    }

    [Fact]
    public void ComputesSha256()
    {
        Assert.Equal("sha256:" + Hex, Digest.Compute(new MemoryStream()).ToString());
        Assert.Equal(Digest.Compute(Encoding.UTF8.GetBytes("abc")), Digest.Compute(new MemoryStream(Encoding.UTF8.GetBytes("abc"))));
        Assert.Throws<ArgumentException>(() => Digest.FromHash(new byte[3]));
    }

    [Property(MaxTest = 1000)]
    public Property ParseOnlyThrowsFormatException() =>
        Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty)), s =>
        {
            var ok = Digest.TryParse(s, out _);
            try
            {
                Digest.Parse(s);
                return ok;
            }
            catch (FormatException)
            {
                return !ok;
            }
        });

    [Property]
    public Property RoundTrips() =>
        Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? [])), bytes =>
        {
            var d = Digest.Compute(bytes);
            return Digest.Parse(d.ToString()) == d && Digest.Parse(d.BlobFileName) == d;
        });
}
