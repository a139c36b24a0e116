using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Corral.Routing.Log;

/// <summary>Appends each record as one JSON line (the API's field names) to a file. Used only by the log's writer task.
/// A failure is logged once until a write succeeds again; the file is reopened on the next batch.</summary>
internal sealed class JsonlMirror(string path, ILogger logger) : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private FileStream? _file;
    private bool _failing;
    private long _lost;

    public void Write(IReadOnlyList<AttemptRecord> batch)
    {
        try
        {
            if (_file is null)
            {
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } directory)
                {
                    Directory.CreateDirectory(directory);
                }

                _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            }

            foreach (var record in batch)
            {
                _file.Write(JsonSerializer.SerializeToUtf8Bytes(record, RouterLogJsonContext.Default.AttemptRecord));
                _file.Write(NewLine);
            }

            _file.Flush();
            if (_failing)
            {
                RouterLogMessages.MirrorRecovered(logger, path, _lost);
                _failing = false;
                _lost = 0;
            }
        }
        catch (Exception e)
        {
            _lost += batch.Count;
            if (!_failing)
            {
                RouterLogMessages.MirrorWriteFailed(logger, path, e);
                _failing = true;
            }

            Dispose();
        }
    }

    public void Dispose()
    {
        try
        {
            _file?.Dispose();
        }
        catch (IOException)
        {
        }

        _file = null;
    }
}
