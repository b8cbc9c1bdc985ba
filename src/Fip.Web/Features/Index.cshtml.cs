using Fip.Web.Features.Accounts;
using Fip.Web.Features.Cockpit;
using Fip.Web.Features.Goals;
using Fip.Web.Features.Inbox;
using Fip.Web.Features.Plans;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features;

public sealed class IndexModel(PlanQueries queries, LeaderHome leaderHome, TodoInbox inbox, CockpitService cockpit) : PageModel
{
    /// <summary>The leaders' cockpit (驾驶舱): the leader's home.</summary>
    public CockpitView? Cockpit { get; private set; }

    /// <summary>The user's 待办 (every staff role).</summary>
    public TodoList? Todo { get; private set; }

    public PlanHomeDto? Plan { get; private set; }
    /// <summary>Goals, alerts and changes since the last visit, for the roles that see dashboards.</summary>
    public LeaderHomeView? Dashboard { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Policies.AllowedRoles[Policies.Staff].Any(User.IsInRole))
        {
            Todo = await inbox.ForAsync(User, ct);
            Dashboard = await leaderHome.BuildAsync(User, ct);
            Plan = Dashboard.Plan; // kept with the dashboard, per goals stamp
            if (User.IsInRole(Roles.Leader)) Cockpit = await cockpit.GetAsync(User, ct);
        }
        else if (await queries.CurrentPlanIdAsync(ct) is { } id)
        {
            Plan = await queries.HomeAsync(id, ct);
        }
    }
}
