using Corral.Modelfile;

namespace Corral.Modelfile.Tests;

public sealed class ParserTests
{
    private static ModelfileCommand P(string n, string v) => ModelfileCommand.Parameter(n, v);

    private static ModelfileCommand C(ModelfileInstruction i, string v) => ModelfileCommand.Create(i, v);

    [Fact]
    public void ParsesAllInstructionsInOrder()
    {
        var m = ModelfileParser.Parse("""

            FROM model1
            ADAPTER adapter1
            LICENSE MIT
            PARAMETER param1 value1
            PARAMETER param2 value2
            TEMPLATE \"\"\"{{ if .System }}<|sys|>

            {{ .System }}{{ end }}\"\"\"    
            DRAFT ./assistant
            RENDERER renderer1
            parser parser1
            Requires 0.14.0
            SYSTEM You are a bot.
            MESSAGE user Hello
            """.Replace("\\\"", "\"", StringComparison.Ordinal));
        Assert.Equal(
            [
                ModelfileCommand.From("model1"), C(ModelfileInstruction.Adapter, "adapter1"), C(ModelfileInstruction.License, "MIT"),
                P("param1", "value1"), P("param2", "value2"),
                C(ModelfileInstruction.Template, "{{ if .System }}<|sys|>\n\n{{ .System }}{{ end }}"),
                C(ModelfileInstruction.Draft, "./assistant"), C(ModelfileInstruction.Renderer, "renderer1"),
                C(ModelfileInstruction.Parser, "parser1"), C(ModelfileInstruction.Requires, "0.14.0"),
                C(ModelfileInstruction.System, "You are a bot."), ModelfileCommand.Message("user", "Hello"),
            ],
            m.Commands);
        Assert.Equal(2, m.Commands[0].Line);
    }

    [Theory]
    [InlineData("FROM \"FOO  BAR  \"", "FOO  BAR  ")]
    [InlineData("FROM     FOOO BAR    ", "FOOO BAR")]
    [InlineData("FROM /what/is/the path ", "/what/is/the path")]
    [InlineData("FROM llama3:7b-instruct-q4_K_M", "llama3:7b-instruct-q4_K_M")]
    [InlineData("from foo", "foo")]
    [InlineData("\uFEFFFROM foo", "foo")]
    [InlineData("# comment\nFROM foo\n\t", "foo")]
    [InlineData("FROM foo # not a comment", "foo # not a comment")]
    [InlineData("FROM foo\r\n", "foo")]
    public void FromValues(string input, string expected) =>
        Assert.Equal(expected, Assert.Single(ModelfileParser.Parse(input).Commands).Value);

    [Fact]
    public void ParameterThenFrom() =>
        Assert.Equal(
            [P("what", "the"), ModelfileCommand.From("lemons make lemonade")],
            ModelfileParser.Parse("PARAMETER what the \nFROM lemons make lemonade ").Commands);

    [Theory]
    [InlineData("stop ### User:", "### User:")]
    [InlineData("stop ### User: ", "### User:")]
    [InlineData("stop \"### User:\"", "### User:")]
    [InlineData("stop \"### User: \"", "### User: ")]
    [InlineData("stop \"\"\"### User:\"\"\"", "### User:")]
    [InlineData("stop \"\"\"### User:\n\"\"\"", "### User:\n")]
    [InlineData("stop <|eot_id|>", "<|eot_id|>")]
    [InlineData("top_p 1.0", "1.0")]
    [InlineData("use_mmap true", "true")]
    public void ParameterValues(string line, string expected)
    {
        var m = ModelfileParser.Parse("FROM foo\nPARAMETER " + line + "\n");
        Assert.Equal(expected, m.Commands[1].Value);
    }

    [Theory]
    [InlineData("SYSTEM \"\"\"\nThis is a\nmultiline system.\n\"\"\"\n\t\t\t", "\nThis is a\nmultiline system.\n")]
    [InlineData("SYSTEM \"\"\"\nThis is a\nmultiline system.\"\"\"", "\nThis is a\nmultiline system.")]
    [InlineData("SYSTEM \"\"\"This is a multiline system.\"\"\"", "This is a multiline system.")]
    [InlineData("SYSTEM \"\"\"\nwith \"quotes\".\n\"\"\"\n", "\nwith \"quotes\".\n")]
    [InlineData("SYSTEM \"\"\"\"\"\"\n", "")]
    [InlineData("SYSTEM \"\"\n", "")]
    [InlineData("SYSTEM \"'\"\n", "'")]
    [InlineData("SYSTEM \"\"\"''\"'\"\"'\"\"'\"'''''\"\"'\"\"'\"\"\"\n", "''\"'\"\"'\"\"'\"'''''\"\"'\"\"'")]
    [InlineData("SYSTEM \"a\nb\"", "a\nb")]
    [InlineData("SYSTEM \"foo \\\"bar\\\"\"", "foo \\\"bar\\\"")]
    [InlineData("SYSTEM 你好👋", "你好👋")]
    [InlineData("SYSTEM a\u0001b", "ab")]
    public void QuotedValues(string line, string expected) =>
        Assert.Equal(expected, ModelfileParser.Parse("FROM foo\n" + line).Commands[1].Value);

    [Fact]
    public void Messages()
    {
        var m = ModelfileParser.Parse("FROM foo\nMESSAGE system \"\"\"\nYou are a parser.\n\"\"\"\nMESSAGE user Hey there!\nMESSAGE assistant Hello");
        Assert.Equal(
            [ModelfileCommand.Message("system", "\nYou are a parser.\n"), ModelfileCommand.Message("user", "Hey there!"), ModelfileCommand.Message("assistant", "Hello")],
            m.Commands.Skip(1));
    }

    [Theory]
    [InlineData("", 0, 0, "no FROM line")]
    [InlineData("PARAMETER param1 value1", 0, 0, "no FROM line")]
    [InlineData("FROM foo\nBADCOMMAND param1 value1\n", 2, 1, "command must be one of")]
    [InlineData("FROM foo\nMESSAGE badguy I'm a bad guy!\n", 2, 9, "message role must be one of")]
    [InlineData("FROM foo\nMESSAGE user: hi\n", 2, 9, "message role must be one of")]
    [InlineData("FROM foo\nMESSAGE system\n", 2, 15, "unexpected EOF")]
    [InlineData("FROM foo\nMESSAGE system", 2, 15, "unexpected EOF")]
    [InlineData("FROM foo\nPARAMETER param1\n", 2, 17, "unexpected EOF")]
    [InlineData("FROM foo\nPARAMETER stop-x a\n", 2, 15, "invalid character '-'")]
    [InlineData("FROM foo\nSYSTEM \"\"\"This is a multiline system.\"\"\n", 2, 8, "unexpected EOF: unterminated \"\"\" quote")]
    [InlineData("FROM foo\n\nSYSTEM   \"\n", 3, 10, "unexpected EOF: unterminated \" quote")]
    [InlineData("FROM", 1, 5, "unexpected EOF")]
    [InlineData("FROM\n", 1, 5, "unexpected EOF")]
    [InlineData("FROM:x", 1, 5, "command must be one of")]
    [InlineData("  !", 1, 3, "command must be one of")]
    public void Errors(string input, int line, int column, string message)
    {
        var ex = Assert.Throws<ModelfileSyntaxException>(() => ModelfileParser.Parse(input));
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.StartsWith($"(line {line}): ", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RequireFromCanBeDisabled() =>
        Assert.Single(ModelfileParser.Parse("SYSTEM hi", requireFrom: false).Commands);

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void DecodesBomEncodings(string encodingName)
    {
        var encoding = System.Text.Encoding.GetEncoding(encodingName);
        Assert.NotEmpty(encoding.GetPreamble());
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes("FROM bob\n\tSYSTEM 你好👋")];
        var m = ModelfileParser.Parse(new MemoryStream(bytes));
        Assert.Equal([ModelfileCommand.From("bob"), C(ModelfileInstruction.System, "你好👋")], m.Commands);
    }

    [Fact]
    public void RejectsOversizedInput()
    {
        var ex = Assert.Throws<ModelfileSyntaxException>(() => ModelfileParser.Parse(new string('a', ModelfileParser.MaxInputSize + 1)));
        Assert.Contains("too large", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeMultilineValueIsLinear()
    {
        var body = string.Concat(Enumerable.Repeat("line \"x\"\n\n", 200_000));
        var m = ModelfileParser.Parse("FROM a\nSYSTEM \"\"\"" + body + "\"\"\"\n");
        Assert.Equal(body, m.System);
    }
}
