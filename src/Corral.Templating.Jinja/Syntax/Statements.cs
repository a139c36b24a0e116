namespace Corral.Templating.Jinja.Syntax;

/// <summary>Base of statement nodes; <see cref="Line"/> is 1-based.</summary>
internal abstract record Stmt(int Line);

internal sealed record TextStmt(int Line, string Text) : Stmt(Line);

internal sealed record OutputStmt(int Line, Expr Value) : Stmt(Line);

internal sealed record IfStmt(int Line, (Expr Test, Stmt[] Body)[] Branches, Stmt[]? Else) : Stmt(Line);

internal sealed record ForStmt(int Line, Expr Target, Expr Iter, Expr? Filter, Stmt[] Body, Stmt[]? Else, bool Recursive) : Stmt(Line);

internal sealed record SetStmt(int Line, Expr Target, Expr Value) : Stmt(Line);

internal sealed record SetBlockStmt(int Line, Expr Target, FilterExpr[] Filters, Stmt[] Body) : Stmt(Line);

internal sealed record MacroStmt(int Line, string Name, string[] Params, Expr?[] Defaults, Stmt[] Body) : Stmt(Line);

internal sealed record CallBlockStmt(int Line, CallExpr Call, string[] Params, Expr?[] Defaults, Stmt[] Body) : Stmt(Line);

internal sealed record FilterBlockStmt(int Line, FilterExpr[] Filters, Stmt[] Body) : Stmt(Line);

internal sealed record GenerationStmt(int Line, Stmt[] Body) : Stmt(Line);

internal sealed record WithStmt(int Line, (string Name, Expr Value)[] Assignments, Stmt[] Body) : Stmt(Line);

internal sealed record BreakStmt(int Line) : Stmt(Line);

internal sealed record ContinueStmt(int Line) : Stmt(Line);
