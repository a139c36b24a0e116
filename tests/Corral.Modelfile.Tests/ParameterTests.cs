using Corral.Modelfile;

namespace Corral.Modelfile.Tests;

public sealed class ParameterTests
{
    [Theory]
    [InlineData("num_ctx", ParameterKind.Int)]
    [InlineData("temperature", ParameterKind.Float)]
    [InlineData("use_mmap", ParameterKind.Bool)]
    [InlineData("stop", ParameterKind.StringList)]
    [InlineData("draft_num_predict", ParameterKind.Int)]
    [InlineData("mirostat_eta", ParameterKind.Float)]
    public void TableKnowsKinds(string name, ParameterKind kind)
    {
        Assert.True(ModelParameters.TryGet(name, out var spec));
        Assert.Equal(kind, spec.Kind);
    }

    [Fact]
    public void TableHasAllOllamaOptions()
    {
        string[] supported = ["num_ctx", "num_predict", "num_keep", "seed", "temperature", "top_k", "top_p", "min_p", "typical_p", "repeat_last_n",
            "repeat_penalty", "presence_penalty", "frequency_penalty", "stop", "num_batch", "num_gpu", "main_gpu", "use_mmap", "num_thread", "draft_num_predict"];
        string[] deprecated = ["penalize_newline", "low_vram", "f16_kv", "logits_all", "vocab_only", "use_mlock", "mirostat", "mirostat_tau", "mirostat_eta"];
        Assert.Equal(supported, ModelParameters.All.Where(s => !s.IsDeprecated).Select(s => s.Name));
        Assert.Equal(deprecated, ModelParameters.All.Where(s => s.IsDeprecated).Select(s => s.Name));
        Assert.Equal(ParameterValue.FromFloat(0.8f), ModelParameters.Get("temperature").Default);
        Assert.Equal(ParameterValue.FromInt(-1), ModelParameters.Get("seed").Default);
        Assert.False(ModelParameters.TryGet("Temperature", out _));
    }

    [Theory]
    [InlineData("num_ctx", "4096", "4096")]
    [InlineData("num_ctx", "+12", "12")]
    [InlineData("seed", "-1", "-1")]
    [InlineData("temperature", "0.7", "0.7")]
    [InlineData("temperature", "1e3", "1000")]
    [InlineData("temperature", ".5", "0.5")]
    [InlineData("temperature", "1000000", "1e+06")]
    [InlineData("temperature", "0.00001", "1e-05")]
    [InlineData("temperature", "Inf", "+Inf")]
    [InlineData("use_mmap", "T", "true")]
    [InlineData("use_mmap", "0", "false")]
    [InlineData("stop", "### User:", "[### User:]")]
    public void ParsesWithGoRules(string name, string value, string formatted) =>
        Assert.Equal(formatted, ModelParameters.Parse(name, value).ToString());

    [Theory]
    [InlineData("num_ctx", "4096.0", "invalid int value '4096.0' for parameter 'num_ctx'")]
    [InlineData("num_ctx", " 1", "invalid int value")]
    [InlineData("num_ctx", "1_000", "invalid int value")]
    [InlineData("num_ctx", "99999999999999999999", "invalid int value")]
    [InlineData("temperature", "hot", "invalid float value 'hot' for parameter 'temperature'")]
    [InlineData("temperature", "1e50", "invalid float value")]
    [InlineData("temperature", "", "invalid float value")]
    [InlineData("use_mmap", "yes", "invalid bool value 'yes' for parameter 'use_mmap'")]
    [InlineData("bogus", "1", "unknown parameter 'bogus'")]
    public void RejectsBadValues(string name, string value, string message)
    {
        var ex = Assert.Throws<ModelParameterException>(() => ModelParameters.Parse(name, value));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.False(ModelParameters.TryParse(name, value, out _, out var error));
        Assert.Equal(ex.Message, error);
    }

    [Fact]
    public void MergeAppendsStopAndLastWinsOtherwise()
    {
        var m = ModelfileParser.Parse("FROM x\nPARAMETER stop a\nPARAMETER temperature 0.5\nPARAMETER stop b\nPARAMETER temperature 0.2\nPARAMETER mirostat 1\nPARAMETER top_k 1");
        var set = ParameterSet.FromModelfile(m);
        Assert.Equal(["stop", "temperature", "top_k"], set.Values.Keys);
        Assert.Equal(["a", "b"], set.Values["stop"].AsStrings());
        Assert.Equal(0.2f, set.Values["temperature"].AsFloat());
        Assert.Equal(1L, set.Values["top_k"].AsInt());
        Assert.Equal(["parameter mirostat is deprecated"], set.Warnings);
        Assert.Equal(new object[] { "a", "b" }, (string[])set.Values["stop"].ToObject());
    }

    [Fact]
    public void MergeErrorsCarryLine()
    {
        var m = ModelfileParser.Parse("FROM x\n\nPARAMETER nope 1");
        var ex = Assert.Throws<ModelParameterException>(() => ParameterSet.FromModelfile(m));
        Assert.Equal("(line 3): unknown parameter 'nope'", ex.Message);
        var bad = ModelfileParser.Parse("FROM x\nPARAMETER num_ctx big");
        Assert.Equal(2, Assert.Throws<ModelParameterException>(() => ParameterSet.FromModelfile(bad)).Line);
    }
}
