using System.Security.Claims;
using Fip.Web.Features.Accounts;
using Fip.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Fip.Web.Features.Messaging;

public sealed record MessageDto(long Id, string Kind, string Title, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt);
public sealed record MessagePage(int Total, int Unread, IReadOnlyList<MessageDto> Items);
public sealed record MarkedReadDto(int Marked);
/// <summary>Filters of the message list: unread (true: only unread), page (from 1), pageSize (1-200, default 50).</summary>
public sealed record MessageFilter(bool? Unread, string? Page, string? PageSize);

/// <summary>站内消息 under /api/v1/messages: the caller's own messages, newest first; mark one or all read.</summary>
public static class MessagingApi
{
    public static RouteGroupBuilder MapMessagingApi(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Messages");
        messages.MapGet("/", ListAsync).RequireAuthorization(Policies.SignedIn)
            .WithName("ListMessages").WithSummary("The caller's messages (kept 180 days), newest first, with the unread count.");
        messages.MapPost("/{id:long}/read", MarkReadAsync).RequireAuthorization(Policies.SignedIn).ProducesOutcomeProblems()
            .WithName("MarkMessageRead").WithSummary("Marks one of the caller's messages read (404 for another user's).");
        messages.MapPost("/read-all", MarkAllReadAsync).RequireAuthorization(Policies.SignedIn)
            .WithName("MarkAllMessagesRead").WithSummary("Marks all the caller's messages read; returns how many were unread.");
        return api;
    }

    public static async Task<Results<Ok<MessagePage>, ValidationProblem>> ListAsync([AsParameters] MessageFilter filter,
        Messenger messenger, ClaimsPrincipal user, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!Paging.TryRead(filter.Page, filter.PageSize, 50, l, out var page, out var size, out var problem)) return problem;
        var q = messenger.Of(user);
        if (filter.Unread == true) q = q.Where(m => m.ReadAt == null);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip((page - 1) * size).Take(size)
            .ToListAsync(ct);
        return TypedResults.Ok(new MessagePage(total, await messenger.UnreadCountAsync(user, ct), [.. items.Select(ToDto)]));
    }

    public static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> MarkReadAsync(long id, Messenger messenger, ClaimsPrincipal user,
        IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        (await messenger.MarkReadAsync(id, user, ct)).ToHttp(l, m => TypedResults.Ok(ToDto(m)));

    public static async Task<Ok<MarkedReadDto>> MarkAllReadAsync(Messenger messenger, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new MarkedReadDto(await messenger.MarkAllReadAsync(user, ct)));

    public static MessageDto ToDto(Message m) =>
        new(m.Id, m.Kind.ToString(), Display.Name(m.Title, m.TitleEn), Display.Name(m.Body, m.BodyEn), m.Link, m.CreatedAt, m.ReadAt);
}
