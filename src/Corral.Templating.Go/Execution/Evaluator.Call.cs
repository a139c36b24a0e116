using Corral.Templating.Go.Formatting;
using Corral.Templating.Go.Functions;

namespace Corral.Templating.Go.Execution;

internal sealed partial class Evaluator
{
    private Val EvalFunction(Val dot, IdentifierNode node, GoNode cmd, List<GoNode>? args, Val final)
    {
        At(node);
        if (!_functions.TryGet(node.Ident, out var fn)) throw Errorf(GoQuote.Quote(node.Ident) + " is not a defined function");
        return EvalCall(dot, fn, cmd, node.Ident, args, final);
    }

    private Val EvalCall(Val dot, GoFunction fn, GoNode node, string name, List<GoNode>? args, Val final)
    {
        int argCount = args == null ? 0 : args.Count - 1;
        int numIn = argCount + (final.IsMissing ? 0 : 1);
        int numFixed = argCount;
        int nParams = fn.Params.Length;
        if (fn.Variadic)
        {
            numFixed = nParams - 1;
            if (numIn < numFixed) throw Errorf($"wrong number of args for {name}: want at least {nParams - 1} got {argCount}");
        }
        else if (numIn != nParams)
        {
            throw Errorf($"wrong number of args for {name}: want {nParams} got {numIn}");
        }
        if (name is "and" or "or")
        {
            var v = Val.Invalid;
            for (int k = 0; k < argCount; k++)
            {
                v = EvalArg(dot, ParamType.Value, args![k + 1]);
                if (IsTrue(v.Concrete).Truth == (name == "or")) return v;
            }
            if (!final.IsMissing) v = final;
            return v;
        }
        var argv = new Val[numIn];
        int i = 0;
        for (; i < numFixed && i < argCount; i++) argv[i] = EvalArg(dot, fn.Params[i], args![i + 1]);
        if (fn.Variadic)
        {
            var elem = fn.Params[nParams - 1];
            for (; i < argCount; i++) argv[i] = EvalArg(dot, elem, args![i + 1]);
        }
        if (!final.IsMissing)
        {
            var t = fn.Params[nParams - 1];
            if (fn.Variadic && numIn - 1 < numFixed) t = fn.Params[numIn - 1];
            argv[i] = ValidateType(final, t);
        }
        try
        {
            return fn.Invoke(new FunctionContext(this, _options), argv);
        }
        catch (GoFunctionException ex)
        {
            At(node);
            throw Errorf("error calling " + name + ": " + ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            At(node);
            throw Errorf("error calling " + name + ": " + ex.Message);
        }
    }

    private Val ValidateType(Val value, ParamType typ)
    {
        if (!value.IsValid)
        {
            if (typ == ParamType.String) throw Errorf("invalid value; expected string");
            return Val.Invalid;
        }
        switch (typ)
        {
            case ParamType.String:
                if (value.Obj is string) return value.Concrete;
                throw Errorf("wrong type for value; expected string; got " + value.StaticTypeName);
            default:
                return value;
        }
    }

    private Val EvalArg(Val dot, ParamType typ, GoNode n)
    {
        At(n);
        switch (n)
        {
            case DotNode: return ValidateType(dot, typ);
            case NilNode:
                if (typ == ParamType.String) throw Errorf("cannot assign nil to string");
                return Val.Invalid;
            case FieldNode f: return ValidateType(EvalFieldNode(dot, f, null, Val.Missing), typ);
            case VariableNode v: return ValidateType(EvalVariableNode(dot, v, null, Val.Missing), typ);
            case PipeNode p: return ValidateType(EvalPipeline(dot, p), typ);
            case IdentifierNode id: return ValidateType(EvalFunction(dot, id, id, null, Val.Missing), typ);
            case ChainNode c: return ValidateType(EvalChainNode(dot, c, null, Val.Missing), typ);
        }
        switch (typ)
        {
            case ParamType.String:
                At(n);
                if (n is StringNode s) return Val.Of(s.Text);
                throw Errorf("expected string; found " + n);
            case ParamType.Any or ParamType.Value:
                return EvalEmptyInterface(dot, n);
        }
        throw Errorf("can't handle " + n + " for arg of type <nil>");
    }

    private Val EvalEmptyInterface(Val dot, GoNode n)
    {
        At(n);
        switch (n)
        {
            case BoolNode b: return Val.Of(b.True);
            case DotNode: return dot;
            case NumberNode num: return IdealConstant(num);
            case StringNode s: return Val.Of(s.Text);
        }
        throw Errorf("can't handle assignment of " + n + " to empty interface argument");
    }

    private Val IdealConstant(NumberNode c)
    {
        At(c);
        if (c.IsComplex) throw Errorf("complex constants are not supported");
        if (c.IsFloat && !IsHexInt(c.Text) && !(c.Text.Length > 0 && c.Text[0] == '\'') && c.Text.AsSpan().IndexOfAny(".eEpP") >= 0)
            return Val.Of(c.Float64);
        if (c.IsInt) return Val.Of(c.Int64);
        if (c.IsUint) throw Errorf(c.Text + " overflows int");
        return Val.Invalid;
    }

    private static bool IsHexInt(string s) =>
        s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s.AsSpan().IndexOfAny("pP") < 0;
}
