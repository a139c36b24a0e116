using System.CommandLine;
using System.Globalization;
using Corral.Routing.Log;

namespace Corral.Cli.Commands;

/// <summary>The filter options shared by <c>corral log</c> and its subcommands, read into a
/// <see cref="RouterLogQuery"/> with the server's own rules (so a bad value fails before any request).</summary>
internal sealed class LogFilters
{
    private readonly Option<string?> _route = new("--route") { Description = "Only this route (virtual model name)" };
    private readonly Option<string?> _provider = new("--provider") { Description = "Only this provider (anthropic, openai, local, ...)" };
    private readonly Option<string?> _model = new("--model") { Description = "Only this upstream model" };
    private readonly Option<string?> _reason = new("--reason") { Description = "Only reasons starting with this (primary, fallback, fast_path, escalation, shadow)" };
    private readonly Option<bool> _errors = new("--errors") { Description = "Only failed attempts" };
    private readonly Option<string?> _errorClass = new("--error-class") { Description = "Only failures of this class (rate_limited, server_error, ...)" };
    private readonly Option<bool> _served = new("--served") { Description = "Only attempts whose answer went to the client" };
    private readonly Option<string?> _requestId = new("--request-id") { Description = "Only this request's attempts" };
    private readonly Option<string?> _pairId = new("--pair-id") { Description = "Only this pair (a call and its shadow)" };
    private readonly Option<string?> _task = new("--task") { Description = "Only calls of this task (X-Corral-Task or metadata.task)" };
    private readonly Option<string?> _since = new("--since") { Description = "Only attempts from this time on: an age (30m, 1h, 7d) or RFC 3339" };
    private readonly Option<string?> _until = new("--until") { Description = "Only attempts before this time: an age or RFC 3339" };
    private readonly Option<int?> _limit = new("--limit", "-n") { Description = "Most rows (default 100, at most 10000)" };

    /// <summary>Adds the options to a command; <paramref name="all"/> false leaves out the per-attempt filters that make
    /// no sense for pairs (errors, error class, served).</summary>
    public void AddTo(Command command, bool all = true)
    {
        command.Options.Add(_route);
        command.Options.Add(_provider);
        command.Options.Add(_model);
        command.Options.Add(_reason);
        if (all)
        {
            command.Options.Add(_errors);
            command.Options.Add(_errorClass);
            command.Options.Add(_served);
        }

        command.Options.Add(_requestId);
        command.Options.Add(_pairId);
        command.Options.Add(_task);
        command.Options.Add(_since);
        command.Options.Add(_until);
        command.Options.Add(_limit);
    }

    /// <summary>The query, or a <see cref="CliException"/> naming the bad option.</summary>
    public RouterLogQuery Read(ParseResult parseResult, DateTimeOffset now, int maxLimit)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                pairs.Add(new(key, value));
            }
        }

        Add(RouterLogQueryString.Route, parseResult.GetValue(_route));
        Add(RouterLogQueryString.Provider, parseResult.GetValue(_provider));
        Add(RouterLogQueryString.Model, parseResult.GetValue(_model));
        Add(RouterLogQueryString.Reason, parseResult.GetValue(_reason));
        Add(RouterLogQueryString.Errors, parseResult.GetValue(_errors) ? "true" : null);
        Add(RouterLogQueryString.ErrorClass, parseResult.GetValue(_errorClass));
        Add(RouterLogQueryString.Served, parseResult.GetValue(_served) ? "true" : null);
        Add(RouterLogQueryString.RequestId, parseResult.GetValue(_requestId));
        Add(RouterLogQueryString.PairId, parseResult.GetValue(_pairId));
        Add(RouterLogQueryString.Task, parseResult.GetValue(_task));
        Add(RouterLogQueryString.Since, parseResult.GetValue(_since));
        Add(RouterLogQueryString.Until, parseResult.GetValue(_until));
        Add(RouterLogQueryString.Limit, parseResult.GetValue(_limit)?.ToString(CultureInfo.InvariantCulture));
        if (!RouterLogQueryString.TryParse(pairs, now, maxLimit, out var query, out var error))
        {
            throw new CliException(OptionNames(error));
        }

        return query;
    }

    /// <summary>Says <c>--error-class</c> where the shared parser says <c>query parameter 'error_class'</c>.</summary>
    private static string OptionNames(string error)
    {
        const string prefix = "query parameter '";
        var start = error.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return error;
        }

        var end = error.IndexOf('\'', start + prefix.Length);
        var key = error[(start + prefix.Length)..end];
        return string.Concat(error.AsSpan(0, start), "--", key.Replace('_', '-'), error.AsSpan(end + 1))
            .Replace("'since' is after 'until'", "--since is after --until", StringComparison.Ordinal);
    }
}
