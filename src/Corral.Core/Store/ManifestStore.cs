using System.Security.Cryptography;
using System.Text.Json;
using Corral.Api;
using Corral.Core.Errors;

namespace Corral.Core.Store;

/// <summary>
/// Manifests in <c>manifests/&lt;host&gt;/&lt;namespace&gt;/&lt;model&gt;/&lt;tag&gt;</c>. Names are looked up
/// case-insensitively, as Ollama does, and every path is built only from a validated <see cref="ModelName"/>.
/// </summary>
public sealed class ManifestStore
{
    /// <summary>Manifests are small; anything bigger is not a manifest.</summary>
    private const long MaxManifestBytes = 4 << 20;

    private readonly string _directory;

    public ManifestStore(string root)
    {
        _directory = Path.Combine(root, "manifests");
    }

    /// <summary>Finds the stored manifest for a name, matching case-insensitively; null when there is none.</summary>
    public StoredManifest? Find(ModelName name)
    {
        var exact = PathFor(name);
        if (File.Exists(exact))
        {
            return Load(name, exact);
        }

        foreach (var (storedName, path) in Enumerate())
        {
            if (storedName.Equals(name))
            {
                return Load(storedName, path);
            }
        }

        return null;
    }

    /// <summary>Every readable manifest. A corrupt one is skipped (and reported through <paramref name="onError"/>).</summary>
    public IReadOnlyList<StoredManifest> List(Action<string, Exception>? onError = null)
    {
        var result = new List<StoredManifest>();
        foreach (var (name, path) in Enumerate())
        {
            try
            {
                result.Add(Load(name, path));
            }
            catch (Exception e) when (e is IOException or JsonException or CorralException)
            {
                onError?.Invoke(name.DisplayShortest, e);
            }
        }

        return result;
    }

    /// <summary>Writes the manifest atomically: a concurrent reader sees the old one or the new one, never a mix.</summary>
    public void Write(ModelName name, Manifest manifest)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.Manifest);
        var existing = Find(name);
        AtomicFile.WriteAllBytes(existing?.Path ?? PathFor(name), bytes);
    }

    /// <summary>Removes a manifest and the folders it leaves empty. False when there was none.</summary>
    public bool Delete(ModelName name)
    {
        var existing = Find(name);
        if (existing is null)
        {
            return false;
        }

        File.Delete(existing.Path);
        PruneEmptyFolders(Path.GetDirectoryName(existing.Path)!);
        return true;
    }

    private string PathFor(ModelName name) =>
        Path.Combine(_directory, name.Host, name.Namespace, name.Model, name.Tag);

    private StoredManifest Load(ModelName name, string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxManifestBytes)
        {
            throw CorralException.Internal($"manifest of {name.DisplayShortest} is too large");
        }

        var bytes = File.ReadAllBytes(path);
        var manifest = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.Manifest)
            ?? throw new JsonException("empty manifest");
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new StoredManifest(name, manifest, path, digest, info.LastWriteTimeUtc);
    }

    private IEnumerable<(ModelName Name, string Path)> Enumerate()
    {
        if (!Directory.Exists(_directory))
        {
            yield break;
        }

        foreach (var host in Directory.EnumerateDirectories(_directory))
        {
            foreach (var ns in Directory.EnumerateDirectories(host))
            {
                foreach (var model in Directory.EnumerateDirectories(ns))
                {
                    foreach (var tag in Directory.EnumerateFiles(model))
                    {
                        if (Path.GetFileName(tag).StartsWith('.'))
                        {
                            continue;
                        }

                        var text = $"{Path.GetFileName(host)}/{Path.GetFileName(ns)}/{Path.GetFileName(model)}:{Path.GetFileName(tag)}";
                        if (ModelName.TryParse(text, out var name))
                        {
                            yield return (name, tag);
                        }
                    }
                }
            }
        }
    }

    private void PruneEmptyFolders(string folder)
    {
        var root = Path.GetFullPath(_directory);
        while (Path.GetFullPath(folder).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
               && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }
}

/// <summary>A manifest as stored: its name (with the stored spelling), content, file and the file's sha256.</summary>
public sealed record StoredManifest(ModelName Name, Manifest Manifest, string Path, string Digest, DateTime ModifiedAt);
