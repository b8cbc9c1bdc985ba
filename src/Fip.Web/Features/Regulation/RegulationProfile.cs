using System.Globalization;
using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Alerts;
using Fip.Web.Features.Registries;
using Fip.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Regulation;

/// <summary>
/// The enterprise profile's 监管事项 (its 观察期 and 包容期), 提示 and 行政指导, and the alerts raised about its measures (a measure
/// near its end), each as far as the reader may see it by the regulation's own scope rule and the alerts' owner rule.
/// </summary>
public sealed class RegulationProfileSections(RegulationService regulation, AlertService alerts, IStringLocalizer<SharedResource> l)
    : IEnterpriseProfileSections
{
    public async Task<IReadOnlyList<ProfileSection>> LoadAsync(Enterprise enterprise, ClaimsPrincipal user, CancellationToken ct)
    {
        var (measures, notices) = await regulation.ForEnterpriseAsync(enterprise.Id, user, ct);
        var prefixes = measures.Select(m => RegulationAlertRules.ExpiryKeyPrefix(m.Id)).ToList();
        var raised = new List<Alert>();
        if (prefixes.Count > 0 && user.Role() != Roles.Enterprise)
        {
            var candidates = await alerts.VisibleTo(user).AsNoTracking().Where(a => a.Rule == "measure-expiry")
                .OrderByDescending(a => a.RaisedAt).Take(500).ToListAsync(ct);
            raised = [.. candidates.Where(a => prefixes.Any(p => a.DedupKey.StartsWith(p, StringComparison.Ordinal))).Take(50)];
        }
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            new ProfileSection("measures", "Profile.Measures", 60, [.. measures.Select(m => new ProfileItem(
                l["Regulation.Kind." + m.Kind].Value + " · " + m.SubjectName,
                "/Regulation/Measure/" + m.Id.ToString(CultureInfo.InvariantCulture),
                Day(m.StartOn) + " – " + Day(m.EndOn), l["Regulation.Outcome." + m.Outcome].Value))]),
            new ProfileSection("notices", "Profile.Notices", 70, [.. notices.Select(n => new ProfileItem(
                l["Regulation.NoticeKind." + n.Kind].Value + " · " + n.Findings,
                "/Regulation/Notice/" + n.Id.ToString(CultureInfo.InvariantCulture),
                Infrastructure.Display.Time(n.SentAt ?? n.CreatedAt), l["Regulation.State." + n.State].Value))]),
            new ProfileSection("alerts", "Profile.Alerts", 80, [.. raised.Select(a => new ProfileItem(
                Infrastructure.Display.Name(a.Title, a.TitleEn), a.Link, Infrastructure.Display.Time(a.RaisedAt),
                l["Alerts.Severity." + a.Severity].Value))]),
        ];
    }
}
