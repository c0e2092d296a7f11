using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetralBot.Dialogs;
using NetralBot.Storage;

namespace NetralBot.Http;

/// <summary>/readyz: the database (SQLite or PostgreSQL) answers, the dialogs are loaded, every channel has started.</summary>
public sealed class ReadinessCheck(Database database, DialogsProvider dialogs, ChannelReadiness channels) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = database.Open();
            connection.ExecuteScalar<long>("SELECT 1");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("database unreachable"));
        }
        if (dialogs.Current.RuleList.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("no dialogs loaded"));
        }
        return Task.FromResult(channels.NotStarted is { Count: > 0 } waiting
            ? HealthCheckResult.Unhealthy("channels not started: " + string.Join(", ", waiting))
            : HealthCheckResult.Healthy());
    }
}
