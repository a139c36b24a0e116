using System.CommandLine;
using System.Globalization;
using Corral.Api.Models;
using Corral.Cli.Rendering;

namespace Corral.Cli.Commands;

/// <summary><c>corral ps [prefix]</c>: loaded models, NAME ID SIZE PROCESSOR CONTEXT PARALLEL UNTIL REASON
/// (Ollama's columns plus the sequences decoded together and why the model was last (re)loaded).</summary>
internal static class PsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("ps", "List running models");
        var prefix = new Argument<string?>("prefix") { Arity = ArgumentArity.ZeroOrOne };
        command.Arguments.Add(prefix);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(async () =>
        {
            var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var ps = await client.PsAsync(cancellationToken).ConfigureAwait(false);
            await context.Console.Out.WriteAsync(Render(ps.Models, parseResult.GetValue(prefix), DateTime.UtcNow)).ConfigureAwait(false);
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>The table text for loaded models.</summary>
    public static string Render(IEnumerable<ProcessModel> models, string? prefix, DateTime now)
    {
        var rows = models
            .Where(m => string.IsNullOrEmpty(prefix) || m.Model.StartsWith(prefix, StringComparison.Ordinal) || m.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(m => (IReadOnlyList<string>)
            [
                m.Name, ListCommand.ShortId(m.Digest), HumanFormat.Bytes(m.Size), Processor(m.Size, m.SizeVram),
                m.ContextLength.ToString(CultureInfo.InvariantCulture), m.Parallel?.ToString(CultureInfo.InvariantCulture) ?? "",
                Until(m.ExpiresAt, now), m.LoadReason ?? "",
            ])
            .ToList();
        return new TableRenderer().Render(["NAME", "ID", "SIZE", "PROCESSOR", "CONTEXT", "PARALLEL", "UNTIL", "REASON"], rows);
    }

    /// <summary><c>100% CPU</c>, <c>100% GPU</c>, <c>48%/52% CPU/GPU</c> or <c>Unknown</c>.</summary>
    public static string Processor(long size, long sizeVram)
    {
        if (sizeVram == 0)
        {
            return "100% CPU";
        }

        if (sizeVram == size)
        {
            return "100% GPU";
        }

        if (sizeVram > size || size == 0)
        {
            return "Unknown";
        }

        var cpu = (int)Math.Round((double)(size - sizeVram) / size * 100, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{cpu}%/{100 - cpu}% CPU/GPU");
    }

    /// <summary><c>4 minutes from now</c>, <c>Forever</c>, or <c>Stopping...</c> once expired.</summary>
    public static string Until(DateTime expiresAt, DateTime now) =>
        expiresAt != default && now.ToUniversalTime() > expiresAt.ToUniversalTime() ? "Stopping..." : HumanFormat.Time(expiresAt, now);
}
