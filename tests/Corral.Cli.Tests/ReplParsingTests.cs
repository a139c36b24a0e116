using Corral.Cli.Interactive;
using Corral.Modelfile;

namespace Corral.Cli.Tests;

public sealed class ReplParsingTests
{
    [Fact]
    public void Plain_lines_are_prompts_and_slash_lines_are_commands()
    {
        var reader = new MultilineReader();
        Assert.Equal(new ReplInput.Prompt("hello"), reader.Feed("hello"));
        Assert.Equal(new ReplInput.Command("/set verbose"), reader.Feed("/set verbose"));
        Assert.Null(reader.Feed(""));
    }

    [Fact]
    public void Triple_quotes_assemble_multiline_prompts()
    {
        var reader = new MultilineReader();
        Assert.Null(reader.Feed("\"\"\"first line"));
        Assert.True(reader.InMultiline);
        Assert.Null(reader.Feed("second line"));
        Assert.Equal(new ReplInput.Prompt("first line\nsecond line\nend"), reader.Feed("end\"\"\""));
        Assert.False(reader.InMultiline);
    }

    [Fact]
    public void Triple_quotes_on_one_line_and_slash_inside_a_block()
    {
        var reader = new MultilineReader();
        Assert.Equal(new ReplInput.Prompt("one line"), reader.Feed("\"\"\"one line\"\"\""));
        Assert.Null(reader.Feed("\"\"\""));
        Assert.Null(reader.Feed("/not a command"));
        Assert.Equal(new ReplInput.Prompt("\n/not a command\n"), reader.Feed("\"\"\""));
    }

    [Fact]
    public void System_message_can_span_lines()
    {
        var reader = new MultilineReader();
        Assert.Equal(new ReplInput.SystemMessage("be brief"), reader.BeginSystem("be brief"));
        Assert.Equal(new ReplInput.SystemMessage("inline"), reader.BeginSystem("\"\"\"inline\"\"\""));
        Assert.Null(reader.BeginSystem("\"\"\"You are"));
        Assert.Equal(new ReplInput.SystemMessage("You are\na pirate"), reader.Feed("a pirate\"\"\""));
    }

    [Fact]
    public void Reset_abandons_a_block()
    {
        var reader = new MultilineReader();
        reader.Feed("\"\"\"abc");
        reader.Reset();
        Assert.False(reader.InMultiline);
        Assert.Equal(new ReplInput.Prompt("x"), reader.Feed("x"));
    }

    [Fact]
    public void Slash_commands_parse_and_normalise_aliases()
    {
        var set = SlashCommands.Parse("/set   parameter  stop <a>   <b>");
        Assert.Equal("/set", set.Name);
        Assert.Equal(["parameter", "stop", "<a>", "<b>"], set.Args);
        Assert.Equal("stop <a> <b>", set.Rest(1));
        Assert.Equal("/?", SlashCommands.Parse("/help set").Name);
        Assert.Equal("/bye", SlashCommands.Parse("/exit").Name);
        Assert.Equal("Unknown command '/foo'. Type /? for help", SlashCommands.Unknown("/foo"));
    }

    [Fact]
    public void Set_parameter_types_values()
    {
        Assert.Equal("0.5", ReplCommands.TypeParameter("temperature", ["0.5"]).GetRawText());
        Assert.Equal("4096", ReplCommands.TypeParameter("num_ctx", ["4096"]).GetRawText());
        Assert.Equal("[\"<a>\",\"<b>\"]", ReplCommands.TypeParameter("stop", ["<a>", "<b>"]).GetRawText());
    }

    [Fact]
    public void Set_parameter_reports_bad_names_and_values()
    {
        var unknown = Assert.Throws<ModelParameterException>(() => ReplCommands.TypeParameter("nope", ["1"]));
        Assert.Contains("unknown parameter 'nope'", unknown.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ModelParameterException>(() => ReplCommands.TypeParameter("num_ctx", ["lots"]));
        Assert.Contains("num_ctx", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_request_uses_parent_system_parameters_and_messages()
    {
        var session = new RunSession { Model = "llama3.2", System = "be brief" };
        session.Options["temperature"] = JsonValues.Parameter(ModelParameters.Parse("temperature", "0.1"));
        session.LoadedMessages.Add(new Corral.Api.Models.Message { Role = "user", Content = "seed" });
        session.Messages.Add(new Corral.Api.Models.Message { Role = "user", Content = "hi" });
        var request = session.ToCreateRequest("mine");
        Assert.Equal("mine", request.Model);
        Assert.Equal("llama3.2", request.From);
        Assert.Equal("be brief", request.System);
        Assert.Equal(["seed", "hi"], request.Messages!.Select(m => m.Content));
        Assert.True(request.Parameters!.ContainsKey("temperature"));
    }
}
