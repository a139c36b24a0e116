namespace Corral.Templating.Go.Parsing;

internal enum TokenType
{
    Error, Bool, Char, CharConstant, Comment, Complex, Assign, Declare, EOF, Field, Identifier,
    LeftDelim, LeftParen, Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
    Keyword, Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}

internal readonly record struct Token(TokenType Type, int Pos, string Val, int Line)
{
    /// <summary>Go's <c>item.String()</c>.</summary>
    public override string ToString() => Type switch
    {
        TokenType.EOF => "EOF",
        TokenType.Error => Val,
        > TokenType.Keyword => "<" + Val + ">",
        _ when Val.Length > 10 => Formatting.GoQuote.QuotePrefix(Val, 10) + "...",
        _ => Formatting.GoQuote.Quote(Val),
    };
}
