using Npgsql;

namespace Fip.Web.Data;

/// <summary>
/// Listens on PostgreSQL for changes to what the session query reads (channel <see cref="Channel"/>: triggers on the change
/// stamps, the accounts and the messages notify at the commit of any statement that writes them, whichever node or tool wrote),
/// and tells <see cref="SessionSnapshots"/>. One connection of its own per node, outside the pool, with Npgsql's keepalive so
/// that a dead connection is found within seconds; while it is not listening, nothing is kept. <c>Database:ChangeFeed=false</c>
/// turns it off (every request then reads its session, as on SQLite).
/// </summary>
public sealed class PostgresChangeFeed(DatabaseOptions options, SessionSnapshots snapshots, ILogger<PostgresChangeFeed> logger)
    : BackgroundService
{
    public const string Channel = "fip_changes";

    /// <summary>The feed's connection's name in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "fip-change-feed";

    /// <summary>Seconds between Npgsql's keepalive queries on the idle listening connection.</summary>
    private const int KeepaliveSeconds = 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(options.EffectiveConnectionString)
        {
            Pooling = false,
            KeepAlive = KeepaliveSeconds,
            ApplicationName = ApplicationName,
        }.ConnectionString;
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => snapshots.Changed();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                snapshots.SetLive(true);
                if (delay > TimeSpan.FromSeconds(1)) logger.LogInformation("Change feed listening again");
                delay = TimeSpan.FromSeconds(1);
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever ended the connection, the feed tries again: an exception leaving this loop would stop the host.
                logger.LogWarning("Change feed lost ({Error}); sessions are read at every request until it reconnects in {Delay} s",
                    e.Message, delay.TotalSeconds);
            }
            finally
            {
                snapshots.SetLive(false);
            }
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
        }
    }
}
