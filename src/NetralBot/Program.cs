using System.CommandLine;
using Microsoft.Extensions.Options;
using NetralBot.Cli;
using NetralBot.Core.Knowledge.Loading;
using NetralBot.Hosting;

OwnerOnlyFiles.Apply();

var root = new RootCommand("NetralBot: answers civil servants' election-neutrality questions")
{
    ChatCommand.CreateChat(),
    AskCommand.Create(),
    CheckDialogsCommand.Create(),
    EvaluateCommand.Create(),
    ChatCommand.CreateRun(),
    QuestionsCommand.Create(),
    StatsCommand.Create(),
    TipsCommand.Create(),
    BroadcastCommand.Create(),
    KeysCommand.Create(),
};
root.Options.Add(CommonOptions.Dialogs);

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (DialogLoadException ex)
{
    await Console.Error.WriteLineAsync($"The dialogs are invalid ({ex.Errors.Count} problem(s)); the bot cannot start:");
    foreach (var error in ex.Errors)
    {
        await Console.Error.WriteLineAsync("  " + error);
    }
    return 1;
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("The configuration is invalid: " + string.Join(" ", ex.Failures));
    return 1;
}
catch (Exception ex) when (ex is StartupRefusedException or NetralBot.Storage.DatabaseUnusableException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
catch (NetralBot.Storage.WrongKeyException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
catch (InvalidOperationException ex) when (ex.Message.Contains("key file", StringComparison.Ordinal))
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
