using System.Collections;
using System.Text;

namespace Fip.Web.Features.Registries.Files;

/// <summary>
/// The data rows of a large file, kept in a temporary file of this process rather than as objects: read once from the
/// upload (<see cref="TabularReader"/> writes them here as it parses), then streamed again, a row at a time, by each pass
/// that needs them (an import's check, then its commit). A pass holds one row; the whole table is never in memory. The
/// file is deleted when the rows are disposed (or, failing that, when its handle is finalised).
/// </summary>
internal sealed class SpilledRows : IReadOnlyList<TabularRow>, IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    public string Path { get; }
    private readonly FileStream _file;
    private readonly BinaryWriter _writer;
    private readonly int _columns;
    private bool _sealed;
    private bool _disposed;

    public SpilledRows(int columns)
    {
        _columns = columns;
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fip-rows-{Guid.NewGuid():N}.bin");
        // Deleted when this handle closes: by Dispose, or by the handle's finaliser if the rows are dropped undisposed.
        _file = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16,
            FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_file, Utf8, leaveOpen: true);
    }

    public int Count { get; private set; }

    public void Add(TabularRow row)
    {
        if (_sealed) throw new InvalidOperationException("The rows are already read.");
        _writer.Write(row.RowNumber);
        for (var i = 0; i < _columns; i++)
        {
            if (row.Cells[i] is { } cell)
            {
                _writer.Write(true);
                _writer.Write(cell);
            }
            else _writer.Write(false);
        }
        Count++;
    }

    /// <summary>Ends the writing: from here on the rows are only read.</summary>
    public void Seal()
    {
        _writer.Flush();
        _file.Flush();
        _sealed = true;
    }

    /// <summary>One row by its index: reads the file up to it. The rows are meant to be streamed, not indexed.</summary>
    public TabularRow this[int index] =>
        index >= 0 && index < Count ? this.Skip(index).First() : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<TabularRow> GetEnumerator()
    {
        if (!_sealed) throw new InvalidOperationException("The rows are still being written.");
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16,
            FileOptions.SequentialScan);
        using var reader = new BinaryReader(stream, Utf8);
        for (var r = 0; r < Count; r++)
        {
            var number = reader.ReadInt32();
            var cells = new string?[_columns];
            for (var i = 0; i < _columns; i++) cells[i] = reader.ReadBoolean() ? reader.ReadString() : null;
            yield return new TabularRow(number, cells);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _writer.Dispose();
        _file.Dispose();
        // DeleteOnClose is the fallback for rows never disposed; deleted here by name too, whatever the platform does.
        File.Delete(Path);
    }
}
