using Corral.Modelfile;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Corral.Modelfile.Tests;

public sealed class PropertyTests
{
    private static readonly string[] Fragments =
    [
        "FROM ", "PARAMETER ", "MESSAGE ", "SYSTEM ", "TEMPLATE ", "user ", "stop ", "\"", "\"\"\"", "\n", "\r\n", " ", "\t", "#", "x", "ü", "👋", "\0", "'",
    ];

    private static Gen<string> ModelfileLikeText() =>
        Gen.Elements(Fragments).ListOf().Select(parts => string.Concat(parts));

    private static Gen<string> Value() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            Gen.Elements(["a", " ", "\"", "\n", "\r", "\t", "é", "\"\"\"", "#"]).ListOf().Select(p => string.Concat(p)))
        .Where(ModelfileQuoting.CanRepresent);

    private static Gen<ModelfileCommand> Command() =>
        Gen.OneOf(
            Value().Select(ModelfileCommand.From),
            Gen.Elements(["stop", "num_ctx", "temperature", "x_1"]).Zip(Value()).Select(t => ModelfileCommand.Parameter(t.Item1, t.Item2)),
            Gen.Elements(["system", "user", "assistant"]).Zip(Value()).Select(t => ModelfileCommand.Message(t.Item1, t.Item2)),
            Gen.Elements([ModelfileInstruction.Template, ModelfileInstruction.System, ModelfileInstruction.License, ModelfileInstruction.Adapter,
                    ModelfileInstruction.Requires, ModelfileInstruction.Renderer, ModelfileInstruction.Parser, ModelfileInstruction.Draft])
                .Zip(Value()).Select(t => ModelfileCommand.Create(t.Item1, t.Item2)));

    [Property(MaxTest = 500)]
    public Property RandomTextOnlyThrowsSyntaxErrors() =>
        Prop.ForAll(Gen.OneOf(ModelfileLikeText(), ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty)).ToArbitrary(), text =>
        {
            try
            {
                ModelfileParser.Parse(text);
            }
            catch (ModelfileSyntaxException)
            {
            }
        });

    [Property(MaxTest = 300)]
    public Property RandomBytesOnlyThrowsSyntaxErrors() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? []).ToArbitrary(), bytes =>
        {
            try
            {
                ModelfileParser.Parse(bytes.AsSpan());
            }
            catch (ModelfileSyntaxException)
            {
            }
        });

    [Property(MaxTest = 500)]
    public Property WriteThenParseRoundTrips() =>
        Prop.ForAll(Command().ListOf().Select(c => new Modelfile(c)).ToArbitrary(), m =>
            m.Equals(ModelfileParser.Parse(ModelfileWriter.Write(m), requireFrom: false)));

    [Property(MaxTest = 300)]
    public Property QuotedValueReadsBack() =>
        Prop.ForAll(Value().ToArbitrary(), v =>
            ModelfileParser.Parse("FROM x\nSYSTEM " + ModelfileQuoting.Quote(v)).System == v);
}
