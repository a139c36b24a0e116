using System.CommandLine;
using Corral.Api.Models;
using Corral.Cli.Rendering;

namespace Corral.Cli.Commands;

/// <summary><c>corral list</c> / <c>ls [prefix]</c>: table NAME ID SIZE MODIFIED, as Ollama prints it.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List models");
        command.Aliases.Add("ls");
        var prefix = new Argument<string?>("prefix") { Arity = ArgumentArity.ZeroOrOne, Description = "Only models whose name starts with this" };
        command.Arguments.Add(prefix);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var list = await client.ListAsync(cancellationToken).ConfigureAwait(false);
            await context.Console.Out.WriteAsync(Render(list.Models, parseResult.GetValue(prefix), DateTime.UtcNow)).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>The table text for a model list.</summary>
    public static string Render(IEnumerable<ListModel> models, string? prefix, DateTime now)
    {
        var rows = models
            .Where(m => string.IsNullOrEmpty(prefix) || m.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(m => (IReadOnlyList<string>)[m.Name, ShortId(m.Digest), HumanFormat.Bytes(m.Size), HumanFormat.Time(m.ModifiedAt, now)])
            .ToList();
        return new TableRenderer().Render(["NAME", "ID", "SIZE", "MODIFIED"], rows);
    }

    /// <summary>The first 12 hex digits of a digest (prefix <c>sha256:</c> dropped).</summary>
    public static string ShortId(string digest)
    {
        var hex = digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.StartsWith("sha256-", StringComparison.Ordinal) ? digest[7..] : digest;
        return hex.Length > 12 ? hex[..12] : hex;
    }
}
