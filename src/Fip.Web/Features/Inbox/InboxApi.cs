using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fip.Web.Features.Inbox;

public sealed record TodoItemDto(string Kind, string Subject, string? Detail, string Link, DateOnly? Due, bool Late);
public sealed record TodoListDto(int Count, IReadOnlyList<TodoItemDto> Items);

/// <summary>待办 under /api/v1/inbox: the caller's items, computed from the data (the home page shows the same).</summary>
public static class InboxApi
{
    public static RouteGroupBuilder MapInboxApi(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", GetAsync).RequireAuthorization(Policies.Todo).WithTags("Inbox")
            .WithName("GetInbox").WithSummary("The caller's 待办 (department, district, task force or leader), each with where it is done.");
        return api;
    }

    public static async Task<Ok<TodoListDto>> GetAsync(TodoInbox inbox, ClaimsPrincipal user, CancellationToken ct)
    {
        var list = await inbox.ForAsync(user, ct);
        return TypedResults.Ok(new TodoListDto(list.Count,
            [.. list.Items.Select(i => new TodoItemDto(i.Kind.ToString(), Display.Name(i.Subject, i.SubjectEn), i.Detail, i.Link, i.Due,
                i.Late))]));
    }
}
