using Fip.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fip.Web.Features.Inbox;

/// <summary>/Inbox: the user's whole 待办 (the home page shows the same list).</summary>
[Authorize(Policy = Policies.Todo)]
public sealed class IndexModel(TodoInbox inbox) : PageModel
{
    public TodoList Todo { get; private set; } = new([], 0);

    public async Task OnGetAsync(CancellationToken ct) => Todo = await inbox.ForAsync(User, ct);
}
