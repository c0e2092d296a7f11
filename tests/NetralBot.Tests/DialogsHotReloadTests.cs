using Microsoft.Extensions.Logging.Abstractions;
using NetralBot.Core.Knowledge;
using NetralBot.Dialogs;

namespace NetralBot.Tests;

public class DialogsHotReloadTests
{
    private static async Task<DialogContent?> WaitForReloadAsync(DialogsProvider provider, Action edit, TimeSpan timeout)
    {
        var reloaded = new TaskCompletionSource<DialogContent>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Reloaded += reloaded.SetResult;
        edit();
        var finished = await Task.WhenAny(reloaded.Task, Task.Delay(timeout));
        return finished == reloaded.Task ? await reloaded.Task : null;
    }

    [Fact]
    public async Task EditedRule_IsPickedUpWithoutRestart()
    {
        using var temp = new CliRunner();
        var folder = temp.CopyDialogs();
        using var provider = new DialogsProvider(folder, DialogFolder.Load(folder), NullLogger<DialogsProvider>.Instance);
        await provider.StartAsync(CancellationToken.None);
        var file = Path.Combine(folder, "rules", "60-uang-dan-hadiah.yaml");
        var oldShort = provider.Current.Rules["give_money_goods"].Indonesian.Short;

        var content = await WaitForReloadAsync(provider, () =>
            File.WriteAllText(file, File.ReadAllText(file).Replace(oldShort[..20], "DIUBAH EDITOR: " + oldShort[..20], StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20));

        Assert.NotNull(content);
        Assert.StartsWith("DIUBAH EDITOR: ", provider.Current.Rules["give_money_goods"].Indonesian.Short, StringComparison.Ordinal);
        await provider.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task InvalidEdit_KeepsTheLastGoodSet()
    {
        using var temp = new CliRunner();
        var folder = temp.CopyDialogs();
        var initial = DialogFolder.Load(folder);
        using var provider = new DialogsProvider(folder, initial, NullLogger<DialogsProvider>.Instance);

        File.WriteAllText(Path.Combine(folder, "meta.yaml"), "reviewed_on: kemarin\n");
        Assert.False(provider.Reload());
        Assert.Same(initial, provider.Current);

        File.WriteAllText(Path.Combine(folder, "meta.yaml"), "reviewed_on: 2027-01-02\n");
        Assert.True(provider.Reload());
        Assert.Equal(new DateOnly(2027, 1, 2), provider.Current.ReviewedOn);
    }
}
