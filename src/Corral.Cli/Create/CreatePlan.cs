using System.Text.Json;
using Corral.Api.Models;
using Corral.Modelfile;

namespace Corral.Cli.Create;

/// <summary>A local file a Modelfile references (FROM/ADAPTER) that must exist on the server as a blob.</summary>
/// <param name="Path">Absolute path on this machine.</param>
/// <param name="Name">The name sent in <c>files</c>/<c>adapters</c> (the file name).</param>
/// <param name="IsAdapter">True for ADAPTER files.</param>
public sealed record LocalBlob(string Path, string Name, bool IsAdapter);

/// <summary>What <c>corral create</c> will do: the request (without file digests yet) and the files to upload.</summary>
public sealed record CreatePlan(CreateRequest Request, IReadOnlyList<LocalBlob> Files, IReadOnlyList<string> Warnings);

/// <summary>
/// Maps a parsed Modelfile to an <c>/api/create</c> request like Ollama's <c>Modelfile.CreateRequest</c>:
/// FROM/ADAPTER that name an existing file (absolute, <c>~</c>, or relative to the Modelfile's folder) become
/// uploads; a FROM that is not a file is a model name; PARAMETERs are typed with the parameter table
/// (repeated <c>stop</c> accumulates); LICENSE is always an array.
/// </summary>
public static class CreatePlanner
{
    /// <summary>Builds the plan. <paramref name="modelfileDirectory"/> anchors relative paths.</summary>
    /// <exception cref="ModelParameterException">A parameter is unknown or its value does not parse.</exception>
    /// <exception cref="CliException">An ADAPTER file does not exist, or a path is a directory.</exception>
    public static CreatePlan Build(Modelfile.Modelfile modelfile, string model, string modelfileDirectory, string? home = null)
    {
        home ??= Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var files = new List<LocalBlob>();
        var warnings = new List<string>();
        var licenses = new List<string>();
        var messages = new List<Message>();
        var stops = new List<string>();
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        string? from = null, template = null, system = null, requires = null;

        foreach (var command in modelfile.Commands)
        {
            switch (command.Instruction)
            {
                case ModelfileInstruction.From:
                case ModelfileInstruction.Adapter:
                    var isAdapter = command.Instruction == ModelfileInstruction.Adapter;
                    var path = ExpandPath(command.Value, modelfileDirectory, home);
                    if (Directory.Exists(path))
                    {
                        throw new CliException($"importing a directory is not supported yet: {path}");
                    }

                    if (File.Exists(path))
                    {
                        files.Add(new LocalBlob(path, System.IO.Path.GetFileName(path), isAdapter));
                    }
                    else if (isAdapter)
                    {
                        throw new CliException($"adapter file not found: {path}");
                    }
                    else
                    {
                        from = command.Value;
                    }

                    break;
                case ModelfileInstruction.Template:
                    template = command.Value;
                    break;
                case ModelfileInstruction.System:
                    system = command.Value;
                    break;
                case ModelfileInstruction.License:
                    licenses.Add(command.Value);
                    break;
                case ModelfileInstruction.Requires:
                    requires = command.Value;
                    break;
                case ModelfileInstruction.Message:
                    messages.Add(new Message { Role = command.Name!, Content = command.Value });
                    break;
                case ModelfileInstruction.Parameter:
                    var name = command.Name!;
                    if (ModelParameters.IsDeprecated(name))
                    {
                        warnings.Add(ModelParameters.DeprecationWarning(name));
                        break;
                    }

                    var value = ModelParameters.Parse(name, command.Value);
                    if (value.Kind == ParameterKind.StringList)
                    {
                        stops.AddRange(value.AsStrings());
                        parameters[name] = JsonValues.Strings(stops);
                    }
                    else
                    {
                        parameters[name] = JsonValues.Parameter(value);
                    }

                    break;
                default:
                    warnings.Add($"{ModelfileKeywords.ToKeyword(command.Instruction)} is not supported by this version of corral and was ignored");
                    break;
            }
        }

        var request = new CreateRequest
        {
            Model = model,
            From = from,
            Template = template,
            System = system,
            Requires = requires,
            License = licenses.Count > 0 ? JsonValues.Strings(licenses) : null,
            Parameters = parameters.Count > 0 ? parameters : null,
            Messages = messages.Count > 0 ? [.. messages] : null,
        };
        return new CreatePlan(request, files, warnings);
    }

    /// <summary>Expands <c>~</c>, <c>~/x</c>, <c>~user/x</c>; relative paths are joined to <paramref name="baseDirectory"/>.</summary>
    public static string ExpandPath(string path, string baseDirectory, string home)
    {
        if (path == "~")
        {
            return home;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            return System.IO.Path.Combine(home, path[2..]);
        }

        if (path.StartsWith('~'))
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var user = slash < 0 ? path[1..] : path[1..slash];
            var userHome = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(home) ?? "/home", user);
            return slash < 0 ? userHome : System.IO.Path.Combine(userHome, path[(slash + 1)..]);
        }

        return System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, path));
    }
}
