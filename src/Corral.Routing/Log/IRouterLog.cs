namespace Corral.Routing.Log;

/// <summary>Where the router writes its records. <see cref="Append"/> must not block the caller (the client's answer
/// must not wait on disk): implementations queue and write in the background.</summary>
public interface IRouterLog
{
    void Append(AttemptRecord record);
}
