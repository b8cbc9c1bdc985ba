using System.Collections.Concurrent;

namespace Fip.Web.Data;

/// <summary>
/// The generation of the SQLite connections that pooled contexts keep open (<see cref="KeptSqliteConnection"/>), per database
/// file: a restore replaces a file's contents under them and calls <see cref="Release"/>, after which each
/// connection kept on that file is closed and opened again at its context's next lease.
/// </summary>
public static class SqliteKeptConnections
{
    private static readonly ConcurrentDictionary<string, int> Generations = new(StringComparer.Ordinal);

    /// <summary>
    /// The current generation of connections to <paramref name="file"/> (0 until released): the Data Source of the configured
    /// connection string, as written there.
    /// </summary>
    public static int Generation(string file) => Generations.TryGetValue(file, out var generation) ? generation : 0;

    public static void Release(string file) =>
        Generations.AddOrUpdate(file, 1, (_, generation) => generation + 1);
}
