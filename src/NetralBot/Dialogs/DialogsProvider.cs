using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetralBot.Core.Knowledge;
using NetralBot.Core.Knowledge.Loading;

namespace NetralBot.Dialogs;

/// <summary>
/// Holds the current dialogs and reloads them when a file in the folder changes (hot reload). An invalid
/// edit is logged with file and line and the last valid set stays in use.
/// </summary>
public sealed class DialogsProvider(string folder, DialogContent initial, ILogger<DialogsProvider> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private volatile DialogContent _current = initial;
    private FileSystemWatcher? _watcher;
    private Timer? _timer;

    public DialogContent Current => _current;

    /// <summary>Raised after a successful reload (tests wait on it).</summary>
    public event Action<DialogContent>? Reloaded;

    public string Folder => folder;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new Timer(_ => ReloadInBackground(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }
        return Task.CompletedTask;
    }

    // Editors write a file in several steps; wait until the folder is quiet before reloading.
    private void OnChange(object sender, FileSystemEventArgs e) => _timer?.Change(Debounce, Timeout.InfiniteTimeSpan);

    // An exception escaping a timer callback ends the process: whatever a reload meets, the bot keeps running.
    private void ReloadInBackground()
    {
        try
        {
            Reload();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Reloading the dialogs in {Folder} failed; keeping the previous set", folder);
        }
    }

    /// <summary>Loads the folder again; keeps the current set if the new one is invalid. Returns true on success.</summary>
    public bool Reload()
    {
        try
        {
            var content = DialogFolder.Load(folder);
            _current = content;
            logger.LogInformation("Dialogs reloaded from {Folder}: {Rules} rules", folder, content.RuleList.Count);
            Reloaded?.Invoke(content);
            return true;
        }
        catch (DialogLoadException ex)
        {
            logger.LogError("Dialogs in {Folder} are invalid; keeping the previous set. {Problems}", folder, string.Join(Environment.NewLine, ex.Errors));
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not read the dialogs in {Folder}; keeping the previous set", folder);
        }
        return false;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _timer?.Dispose();
    }
}
