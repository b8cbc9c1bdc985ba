using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Fip.Web.Features.Registries.Files;

/// <summary>
/// The rows of the first worksheet of an .xlsx file, read as a stream of XML (no cell objects, no whole-sheet model):
/// the shared strings and the cell styles are read first (a style says whether a number is a date), then the sheet's
/// rows one at a time. Cell values come out as <see cref="TabularReader"/>'s invariant texts.
/// </summary>
internal static class XlsxRows
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    /// <summary>Each row that has a cell, with its 1-based Excel row number and its cell texts by column (null: empty).</summary>
    public static IEnumerable<(int RowNumber, List<string?> Cells)> Read(ZipArchive zip)
    {
        var sheetPath = FirstSheetPath(zip);
        var shared = SharedStrings(zip);
        var dates = DateStyles(zip);
        var sheet = Entry(zip, sheetPath) ?? throw new TabularFileException(TabularFileException.Unreadable);
        using var reader = XmlReader.Create(sheet.Open(), Settings);
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row") continue;
            rowNumber = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r)
                ? r
                : rowNumber + 1;
            if (reader.IsEmptyElement) continue;
            yield return (rowNumber, ReadRow(reader, shared, dates));
        }
    }

    private static List<string?> ReadRow(XmlReader reader, List<string> shared, HashSet<int> dates)
    {
        var cells = new List<string?>();
        var depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c") continue;
            var column = ColumnOf(reader.GetAttribute("r"), cells.Count);
            var type = reader.GetAttribute("t");
            var style = int.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            string? value = null, inline = null;
            if (!reader.IsEmptyElement)
            {
                var cellDepth = reader.Depth;
                // ReadElementContentAsString leaves the reader on the next node already: it is looked at without a Read.
                var advanced = false;
                while ((advanced || reader.Read()) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == cellDepth))
                {
                    advanced = false;
                    if (reader.NodeType != XmlNodeType.Element) continue;
                    if (reader.LocalName == "v") { value = reader.ReadElementContentAsString(); advanced = true; }
                    else if (reader.LocalName == "is") inline = ReadText(reader);
                }
            }
            while (cells.Count <= column) cells.Add(null);
            cells[column] = TabularReader.Clean(CellText(type, value, inline, style, shared, dates));
        }
        return cells;
    }

    private static string? CellText(string? type, string? value, string? inline, int style, List<string> shared, HashSet<int> dates)
    {
        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count
                    ? shared[i]
                    : throw new TabularFileException(TabularFileException.Unreadable);
            case "inlineStr":
                return inline ?? value;
            case "str" or "e":
                return value;
            case "b":
                return value is null ? null : value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
            case "d":
                return value is null ? null
                    : DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d)
                        ? TabularReader.DateText(d)
                        : value;
            default:
                if (value is null) return null;
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return value;
                if (dates.Contains(style) && number is > -657435 and < 2958466)
                    return TabularReader.DateText(DateTime.FromOADate(number));
                return TabularReader.NumberText(number);
        }
    }

    /// <summary>The text of a string item (shared or inline): its own t, or its runs' t, without phonetic runs.</summary>
    private static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement) return "";
        var depth = reader.Depth;
        var text = new StringBuilder();
        string? only = null;
        var parts = 0;
        var advanced = false;
        while ((advanced || reader.Read()) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            advanced = false;
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "rPh")
            {
                reader.Skip();
                advanced = true;
                continue;
            }
            if (reader.LocalName != "t") continue;
            var part = reader.ReadElementContentAsString();
            advanced = true;
            if (parts++ == 0) only = part;
            else
            {
                if (parts == 2) text.Append(only);
                text.Append(part);
            }
        }
        return parts <= 1 ? only ?? "" : text.ToString();
    }

    private static List<string> SharedStrings(ZipArchive zip)
    {
        var strings = new List<string>();
        if (Entry(zip, "xl/sharedStrings.xml") is not { } entry) return strings;
        using var reader = XmlReader.Create(entry.Open(), Settings);
        while (reader.Read())
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si") strings.Add(ReadText(reader));
        return strings;
    }

    /// <summary>The cell styles (indexes of cellXfs) whose number format shows a date or a time.</summary>
    private static HashSet<int> DateStyles(ZipArchive zip)
    {
        var dates = new HashSet<int>();
        if (Entry(zip, "xl/styles.xml") is not { } entry) return dates;
        var custom = new Dictionary<int, string>();
        using var reader = XmlReader.Create(entry.Open(), Settings);
        var inCellXfs = false;
        var index = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs") inCellXfs = false;
            if (reader.NodeType != XmlNodeType.Element) continue;
            switch (reader.LocalName)
            {
                case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id):
                    custom[id] = reader.GetAttribute("formatCode") ?? "";
                    break;
                case "cellXfs":
                    inCellXfs = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    var format = int.TryParse(reader.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var f) ? f : 0;
                    if (custom.TryGetValue(format, out var code) ? IsDateFormat(code) : IsBuiltInDate(format)) dates.Add(index);
                    index++;
                    break;
            }
        }
        return dates;
    }

    /// <summary>The built-in number formats that show dates or times (ECMA-376 18.8.30, and the East Asian ones).</summary>
    private static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>A custom format shows a date when it has a date or time letter outside quotes, escapes and [colour] sections.</summary>
    internal static bool IsDateFormat(string code)
    {
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (quoted) { quoted = c != '"'; continue; }
            if (bracket) { bracket = c != ']'; continue; }
            switch (c)
            {
                case '"': quoted = true; break;
                case '[':
                    // Elapsed time ([h], [mm], [ss]) is a time; [Red], [$-804] are not.
                    if (i + 1 < code.Length && "hHmMsS".Contains(code[i + 1], StringComparison.Ordinal)) return true;
                    bracket = true;
                    break;
                case '\\' or '_' or '*': i++; break;
                case ';': return false; // the first section decides
                default:
                    if ("yYmMdDhHsS".Contains(c, StringComparison.Ordinal)) return true;
                    break;
            }
        }
        return false;
    }

    private static string FirstSheetPath(ZipArchive zip)
    {
        var workbook = Entry(zip, "xl/workbook.xml") ?? throw new TabularFileException(TabularFileException.Unreadable);
        string? id = null;
        using (var reader = XmlReader.Create(workbook.Open(), Settings))
            while (id is null && reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI == MainNs)
                    id = reader.GetAttribute("id", RelNs) ?? "";
        if (string.IsNullOrEmpty(id) || Entry(zip, "xl/_rels/workbook.xml.rels") is not { } rels) return "xl/worksheets/sheet1.xml";
        using var relations = XmlReader.Create(rels.Open(), Settings);
        while (relations.Read())
        {
            if (relations.NodeType != XmlNodeType.Element || relations.LocalName != "Relationship" || relations.GetAttribute("Id") != id)
                continue;
            var target = relations.GetAttribute("Target") ?? "";
            return target.StartsWith('/') ? target[1..] : "xl/" + target;
        }
        return "xl/worksheets/sheet1.xml";
    }

    private static ZipArchiveEntry? Entry(ZipArchive zip, string path) =>
        zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, path, StringComparison.OrdinalIgnoreCase));

    /// <summary>"B7" → 1; the next column when the cell has no reference.</summary>
    private static int ColumnOf(string? reference, int next)
    {
        if (string.IsNullOrEmpty(reference)) return next;
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') { index = (index * 26) + (c - 'A' + 1); letters++; }
            else break;
        }
        return letters is 0 or > 3 ? next : index - 1;
    }
}
