using System.Data.Common;

namespace NetralBot.Storage;

/// <summary>
/// Commands kept for one connection and run again with new values. Microsoft.Data.Sqlite parses and plans a statement
/// for every new command (it keeps no statement cache), which for the short statements of a conversation step costs
/// more than running them; on the long-lived writer connection (<see cref="Database.TakeWriter"/>) they are parsed once.
/// </summary>
public sealed class Statements(DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>
    /// The command for <paramref name="sql"/> in <paramref name="transaction"/> with its named parameters set to
    /// <paramref name="values"/>; a statement is always given the same names in the same order.
    /// </summary>
    public DbCommand For(string sql, DbTransaction? transaction, params ReadOnlySpan<(string Name, object? Value)> values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in values)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
            _commands.Add(sql, command);
        }
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
        }
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}
