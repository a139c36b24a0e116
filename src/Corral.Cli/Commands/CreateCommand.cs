using System.CommandLine;
using Corral.Cli.Create;
using Corral.Cli.Rendering;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral create MODEL [-f Modelfile]</c>: parses the Modelfile here, uploads referenced files as blobs
/// (only those the server lacks) and streams the server's status lines.
/// </summary>
internal static class CreateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("create", "Create a model from a Modelfile");
        var model = new Argument<string>("MODEL");
        var file = new Option<string?>("--file", "-f") { Description = "Name of the Modelfile (default \"Modelfile\")" };
        var quantize = new Option<string?>("--quantize", "-q") { Description = "Quantize model to this level (e.g. q4_K_M)" };
        command.Arguments.Add(model);
        command.Options.Add(file);
        command.Options.Add(quantize);
        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(
            () => RunAsync(context, parseResult.GetValue(model)!, parseResult.GetValue(file), parseResult.GetValue(quantize), cancellationToken),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string model, string? file, string? quantize, CancellationToken cancellationToken)
    {
        if (!Corral.Api.ModelName.TryParse(model, out _))
        {
            throw new CliException($"invalid model name: {model}");
        }

        var path = Path.GetFullPath(file ?? "Modelfile");
        if (!File.Exists(path))
        {
            throw new CliException(file is null
                ? "no Modelfile in the current directory; create one or use --file to specify a different file"
                : "specified Modelfile wasn't found");
        }

        var modelfile = Modelfile.Modelfile.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        var console = context.Console;
        using var progress = new ProgressRenderer(console.Error, console.ErrorIsTerminal, console.TerminalWidth);
        var gathering = progress.AddSpinner("gathering model components");
        var plan = CreatePlanner.Build(modelfile, model, Path.GetDirectoryName(path)!);
        foreach (var warning in plan.Warnings)
        {
            await console.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
        }

        var digests = new List<(LocalBlob Blob, string Digest)>();
        foreach (var blob in plan.Files)
        {
            digests.Add((blob, await BlobUploader.DigestAsync(blob.Path, cancellationToken).ConfigureAwait(false)));
        }

        gathering.Stop();
        var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (blob, digest) in digests)
        {
            await BlobUploader.EnsureAsync(client, blob.Path, digest, progress, cancellationToken).ConfigureAwait(false);
        }

        var request = plan.Request with
        {
            Files = Map(digests, adapters: false),
            Adapters = Map(digests, adapters: true),
            Quantize = string.IsNullOrEmpty(quantize) ? null : quantize,
        };
        var display = new ProgressDisplay(progress, "pulling");
        await foreach (var update in client.CreateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            display.Apply(update);
        }

        progress.Stop();
        return 0;
    }

    private static Dictionary<string, string>? Map(List<(LocalBlob Blob, string Digest)> digests, bool adapters)
    {
        var map = digests.Where(d => d.Blob.IsAdapter == adapters).ToDictionary(d => d.Blob.Name, d => d.Digest, StringComparer.Ordinal);
        return map.Count > 0 ? map : null;
    }
}
