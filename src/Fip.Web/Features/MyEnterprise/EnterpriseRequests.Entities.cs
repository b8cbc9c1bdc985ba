using Fip.Web.Data.Saving;
using Fip.Web.Features.Accounts;
using Fip.Web.Features.Organisation;
using Fip.Web.Features.Registries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.MyEnterprise;

/// <summary>认领 (a signed-up user claims an existing record), 新建 (it submits a record the registry lacks), 变更 (a change of
/// the fields that feed official figures).</summary>
public enum RequestKind { Claim, NewRecord, Change }

public enum RequestState { Pending, Approved, Refused }

/// <summary>
/// What an enterprise asks its district to approve. The district is the record's (for a new record, the one it names): its users
/// decide, with a reason when they refuse. The requester sees its own requests and is told of the decision in its 待办.
/// </summary>
public sealed class EnterpriseRequest : IScopedResource
{
    public int Id { get; set; }
    public RequestKind Kind { get; set; }
    public RequestState State { get; set; }
    public string UserId { get; set; } = "";
    public AppUser User { get; set; } = null!;
    /// <summary>The record claimed or changed; null for a new record until it is approved.</summary>
    public int? EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public string CreditCode { get; set; } = "";
    public string CompanyName { get; set; } = "";
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }
    public int DistrictId { get; set; }
    public District District { get; set; } = null!;
    /// <summary>Field key → value as text (the registry's fields): the whole record (新建) or the proposed values (变更).</summary>
    public string Values { get; set; } = "{}";
    public string? Reason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string Version { get; set; } = RecordVersions.New();

    int? IScopedResource.OwnerDistrictId => DistrictId;
    string? IScopedResource.OwnerUserId => UserId;

    public IReadOnlyDictionary<string, string?> ValueMap() =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(Values) ?? [];
}

internal sealed class EnterpriseRequestConfiguration : IEntityTypeConfiguration<EnterpriseRequest>
{
    public void Configure(EntityTypeBuilder<EnterpriseRequest> e)
    {
        e.ToTable("EnterpriseRequests");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.CompanyName).HasMaxLength(200);
        e.Property(x => x.ContactPerson).HasMaxLength(50);
        e.Property(x => x.ContactPhone).HasMaxLength(30);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.DecidedBy).HasMaxLength(100);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.DistrictId, x.State });
        e.HasIndex(x => x.UserId);
        // One pending claim or new record per code: a second one racing the first fails on this index, not after it.
        e.HasIndex(x => x.CreditCode).IsUnique().HasFilter("\"State\" = 'Pending' AND \"Kind\" <> 'Change'")
            .HasDatabaseName("IX_EnterpriseRequests_PendingCode");
        // One pending change per enterprise: later proposals extend it.
        e.HasIndex(x => x.EnterpriseId).IsUnique().HasFilter("\"State\" = 'Pending' AND \"Kind\" = 'Change'")
            .HasDatabaseName("IX_EnterpriseRequests_PendingChange");
    }
}
