using Fip.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Fip.Web.Features.Registries;

/// <summary>
/// The enterprises of each track, held in memory as a bitmap by enterprise id (a million enterprises: 125 KB a track), for the
/// enterprise list's name search by track: instead of looking up each name posting in the track index (a common word in a
/// district walks ten thousand postings, each a B-tree probe, on every request), the walk reads the postings alone and keeps
/// those of the track's enterprises. A track's bitmap is read once, then follows the registries' stamp: each move is patched from
/// the registries' journal (the enterprises it names are read again); when the journal cannot say (an import, rows pruned) the
/// bitmap is read again. The list still checks every candidate's row, track included, so the bitmap only has to hold every
/// enterprise of the track as of the stamp the request read: a newer one does too.
/// </summary>
public sealed class TrackMembers
{
    private sealed class Members(long stamp, ulong[] bits, int count)
    {
        public long Stamp { get; } = stamp;
        public ulong[] Bits { get; } = bits;
        /// <summary>How many enterprises the track has (for the share of postings to read).</summary>
        public int Count { get; } = count;
        public bool Contains(int id) => id >= 0 && (id >> 6) < Bits.Length && (Bits[id >> 6] & (1UL << (id & 63))) != 0;
    }

    /// <summary>A track's members, and how many postings a walk reads for each one it wants (the track's rarity, 1–20).</summary>
    public sealed record Filter(Func<int, bool> Contains, int ReadPerWanted);

    private readonly Dictionary<(string? Database, int Track), Members> _kept = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The enterprises of <paramref name="track"/> as of the registries' stamp this request read, or newer.</summary>
    public async Task<Filter> OfAsync(FipDbContext db, int track, CancellationToken ct)
    {
        var stamp = (await db.AllStampsAsync(ct)).GetValueOrDefault(ChangeStamp.Registries);
        var key = (db.Database.GetConnectionString(), track);
        Members? members;
        lock (_kept) _kept.TryGetValue(key, out members);
        if (members is null || members.Stamp < stamp)
        {
            await _gate.WaitAsync(ct);
            try
            {
                lock (_kept) _kept.TryGetValue(key, out members);
                if (members is null || members.Stamp < stamp)
                {
                    var touched = members is null ? null : await RegistryJournal.TouchedAsync(db, members.Stamp, stamp, ct);
                    members = touched is null || members is null
                        ? await LoadAsync(db, track, stamp, ct)
                        : await PatchAsync(db, track, members, stamp, touched, ct);
                    lock (_kept) _kept[key] = members;
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        var enterprises = Math.Max(1, members.Bits.Length * 64);
        var readPerWanted = (int)Math.Clamp(Math.Ceiling(enterprises / (double)Math.Max(1, members.Count)), 1, 20);
        return new Filter(members.Contains, readPerWanted);
    }

    private static async Task<Members> LoadAsync(FipDbContext db, int track, long stamp, CancellationToken ct)
    {
        var ids = await db.EnterpriseTracks.AsNoTracking().Where(t => t.TrackId == track).Select(t => t.EnterpriseId).ToListAsync(ct);
        var bits = new ulong[ids.Count == 0 ? 1 : (ids.Max() >> 6) + 1];
        foreach (var id in ids) bits[id >> 6] |= 1UL << (id & 63);
        return new Members(stamp, bits, ids.Count);
    }

    /// <summary>A copy of <paramref name="members"/> with the touched enterprises' membership read again.</summary>
    private static async Task<Members> PatchAsync(FipDbContext db, int track, Members members, long stamp, HashSet<int> touched,
        CancellationToken ct)
    {
        if (touched.Count == 0) return new Members(stamp, members.Bits, members.Count);
        var list = touched.ToList();
        var now = await db.EnterpriseTracks.AsNoTracking().Where(t => t.TrackId == track && list.Contains(t.EnterpriseId))
            .Select(t => t.EnterpriseId).ToListAsync(ct);
        var bits = new ulong[Math.Max(members.Bits.Length, (list.Max() >> 6) + 1)];
        Array.Copy(members.Bits, bits, members.Bits.Length);
        var count = members.Count;
        foreach (var id in list)
        {
            if (members.Contains(id)) count--;
            bits[id >> 6] &= ~(1UL << (id & 63));
        }
        foreach (var id in now) bits[id >> 6] |= 1UL << (id & 63);
        return new Members(stamp, bits, count + now.Count);
    }
}
