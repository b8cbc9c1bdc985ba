using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Fip.Web.Data;
using Microsoft.Data.Sqlite;

namespace Fip.IntegrationTests;

/// <summary>
/// English is complete (issue #15 item 11): every page each role can reach by following links, read in English, holds no
/// Chinese character outside data values. A data value is text stored in the database (names, plan text, notes): a run of
/// Chinese characters on a page passes only when it is part of such a value's own run of Chinese characters. Everything
/// else (labels, units such as 个/家, tier badges, messages, chart series names in the page's JSON) must come from the
/// English resources. The language switch itself (marked <c>lang="zh-CN"</c>) is exempt.
/// </summary>
public sealed partial class EnglishPagesTests : IClassFixture<EnglishPagesTests.DemoApp>
{
    private const string DemoPassword = "Demo-Pass-2026!";
    private const int PagesPerRole = 140;
    private const int PagesPerShape = 2;
    private readonly DemoApp _demo;

    public EnglishPagesTests(DemoApp demo) => _demo = demo;

    /// <summary>An app of its own with the labelled demo data of every module, as <c>./run.sh</c> shows it.</summary>
    public sealed class DemoApp : IDisposable
    {
        public FipApp App { get; } = FipApp.Start(DatabaseProvider.Sqlite, new Dictionary<string, string>
        {
            ["Seed:Demo"] = "true",
            ["Seed:DemoEnterprises"] = "200",
            [Fip.Web.Demo.DemoSeeder.PasswordVariable] = DemoPassword,
        });

        public void Dispose() => App.Dispose();
    }

    public static TheoryData<string, string> Users => new()
    {
        { "(admin)", FipApp.UserPassword },
        { "demo-leader", DemoPassword },
        { "demo-hanjiang", DemoPassword },
        { "demo-kjj", DemoPassword },
        { "demo-talent", DemoPassword },
        { "demo-finance", DemoPassword },
        { "demo-enterprise", DemoPassword },
        { "demo-reviewer", DemoPassword },
        { "", "" },
    };

    [Theory, MemberData(nameof(Users))]
    public async Task EveryReachablePage_InEnglish_HasNoChineseOutsideDataValues(string user, string password)
    {
        var client = _demo.App.BrowserClient();
        // The seeded admin must change the first password; an admin account of the test's own need not.
        if (user == "(admin)") user = (await _demo.App.CreateUserAsync(Fip.Web.Features.Accounts.Roles.Admin)).UserName!;
        if (user.Length > 0)
        {
            var signIn = await FipApp.SignInAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.DoesNotContain("ChangePassword", signIn.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/culture/en?returnUrl=%2F")).StatusCode);

        var data = DataRuns(_demo.App.ConnectionString);
        var start = user.Length > 0 ? "/" : "/Portal";
        var queue = new Queue<string>([start]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new List<string>();
        var read = 0;
        while (queue.Count > 0 && read < PagesPerRole)
        {
            var path = queue.Dequeue();
            using var response = await client.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK
                || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            read++;
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("lang=\"en\"", html[..Math.Min(html.Length, 400)], StringComparison.Ordinal);
            foreach (var (run, context, masked) in ChineseRuns(html))
                if (!data.Accepts(run, masked)) findings.Add($"{path}: 「{run}」 in …{context}…");
            foreach (var link in Links(html))
            {
                if (!seen.Add(link)) continue;
                var shape = Digits().Replace(link.Split('?')[0], "N");
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                if (shapes[shape] <= PagesPerShape) queue.Enqueue(link);
            }
        }

        Assert.True(read >= (user.Length > 0 ? 5 : 2), $"Only {read} pages were reached as {user}.");
        Assert.True(findings.Count == 0,
            $"{findings.Count} Chinese texts on English pages as {(user.Length > 0 ? user : "a visitor")} " +
            $"({read} pages read):\n" + string.Join("\n", findings.Distinct().Take(80)));
    }

    [Theory]
    [InlineData("<p>3 个</p>", "个", false)]
    [InlineData("<td>邗江区</td>", "邗江区", true)]
    [InlineData("<td><mark>邗江</mark>区</td>", "邗江区", true)]
    [InlineData("<span class=\"badge\">前瞻探索</span>", "前瞻探索", false)]
    [InlineData("<a lang=\"zh-CN\" href=\"/culture/zh-CN\">中文</a>", "", true)]
    [InlineData("<script type=\"application/json\">{\"name\":\"\\u8425\\u4E1A\\u6536\\u5165\"}</script>", "营业收入", false)]
    [InlineData("<div title=\"&#x6570;&#x636E;\">x</div>", "数据", false)]
    [InlineData("<dd>邗**</dd>", "邗", true)]
    [InlineData("<dd>家</dd>", "家", true)]
    [InlineData("<dd>区</dd>", "区", false)]
    public void TheCheck_FindsUntranslatedText_AndAcceptsDataValues(string html, string run, bool accepted)
    {
        var data = new DataValues(["扬州市邗江区", "邗江区", "3家"]);
        var runs = ChineseRuns(html).Select(r => r.Run).ToList();
        var masked = ChineseRuns(html).Any(r => r.Masked);
        if (run.Length == 0)
        {
            Assert.Empty(runs);
            return;
        }
        Assert.Contains(run, runs);
        Assert.Equal(accepted, runs.All(r => data.Accepts(r, masked)));
    }

    /// <summary>The runs of Chinese characters of a page: text, attributes and inline JSON, entities and \u escapes decoded.</summary>
    internal static IEnumerable<(string Run, string Context, bool Masked)> ChineseRuns(string html)
    {
        var text = Highlight().Replace(ZhElement().Replace(html, " "), "");
        text = Tag().Replace(text, m => " " + string.Join(" ", Attribute().Matches(m.Value).Select(a => a.Groups[1].Value)) + " ");
        text = WebUtility.HtmlDecode(text);
        text = UnicodeEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        text = Space().Replace(text, " ");
        return Ideographs().Matches(text).DistinctBy(m => m.Value)
            .Select(m => (m.Value, text[Math.Max(0, m.Index - 24)..Math.Min(text.Length, m.Index + m.Length + 24)],
                m.Index + m.Length < text.Length && text[m.Index + m.Length] == '*'));
    }

    private static IEnumerable<string> Links(string html) =>
        Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal))
            .Select(h => h.Split('#')[0])
            .Where(h => !Skipped().IsMatch(h));

    /// <summary>Every text value stored in the app's database, as its runs of Chinese characters.</summary>
    private static DataValues DataRuns(string connectionString)
    {
        var values = new List<string>();
        using var connection = new SqliteConnection(connectionString + ";Mode=ReadOnly");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++)
                    if (reader.GetValue(i) is string s)
                        values.Add(UnicodeEscape().Replace(s, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()));
        }
        return new DataValues(values);
    }

    /// <summary>
    /// The Chinese runs of stored values. A page's run is data when it lies inside one of them (a name cut short, a search
    /// highlight splitting a name, the first character of a masked name: 季**); any other single character only when a value
    /// holds it alone (a unit after a number: 3家).
    /// </summary>
    internal sealed class DataValues
    {
        private readonly string _joined;
        private readonly HashSet<string> _whole;
        private readonly Dictionary<string, bool> _checked = new(StringComparer.Ordinal);

        public DataValues(IEnumerable<string> values)
        {
            var runs = values.SelectMany(v => Ideographs().Matches(v).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
            _whole = runs;
            _joined = new StringBuilder().AppendJoin('\u0001', runs).ToString();
        }

        public bool Accepts(string run, bool masked)
        {
            if (run.Length == 1 && !masked) return _whole.Contains(run);
            if (_checked.TryGetValue(run, out var known)) return known;
            var ok = _joined.Contains(run, StringComparison.Ordinal);
            _checked[run] = ok;
            return ok;
        }
    }

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\u3400-\u4DBF]+")]
    private static partial Regex Ideographs();

    [GeneratedRegex(@"<(\w+)[^>]*\blang=""zh[^""]*""[^>]*>.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex ZhElement();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    /// <summary>Highlights inside a word (a search hit in a name) do not split it.</summary>
    [GeneratedRegex(@"</?(mark|b|strong|em)\b[^>]*>")]
    private static partial Regex Highlight();

    [GeneratedRegex(@"\s[\w:-]+=""([^""]*)""")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex UnicodeEscape();

    [GeneratedRegex(@"\bhref=""([^""]+)""")]
    private static partial Regex Href();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    /// <summary>Links not to follow: sign-out, the language switch, the API, files, static assets.</summary>
    [GeneratedRegex(@"^/(api/|culture/|Accounts/Logout|css/|js/|lib/|img/|favicon|health|metrics)|[?&](format|export)=|" +
        @"/(Export|Download|Csv|Xlsx|Docx|Pdf)\b|\.(xlsx|docx|csv|pdf|json|zip)(\?|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();
}
