using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Chains;

internal sealed class ChainLinkConfiguration : IEntityTypeConfiguration<ChainLink>
{
    public void Configure(EntityTypeBuilder<ChainLink> e)
    {
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.NameEn).HasMaxLength(200);
        e.Property(x => x.Terms).HasMaxLength(1000);
        e.Property(x => x.Position).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(x => new { x.TrackId, x.ParentId, x.SortOrder });
        e.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Features.Chains.ChainLink>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnterpriseChainLinkConfiguration : IEntityTypeConfiguration<EnterpriseChainLink>
{
    public void Configure(EntityTypeBuilder<EnterpriseChainLink> e)
    {
        e.HasKey(x => new { x.EnterpriseId, x.ChainLinkId });
        // Counts per link (the map) read this index only.
        e.HasIndex(x => new { x.ChainLinkId, x.EnterpriseId });
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.ChainLink).WithMany().HasForeignKey(x => x.ChainLinkId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChainSuggestionConfiguration : IEntityTypeConfiguration<ChainSuggestion>
{
    public void Configure(EntityTypeBuilder<ChainSuggestion> e)
    {
        e.HasIndex(x => new { x.EnterpriseId, x.ChainLinkId }).IsUnique();
        e.HasIndex(x => new { x.ChainLinkId, x.State, x.Confidence });
        e.Property(x => x.MatchedWords).HasMaxLength(500);
        e.Property(x => x.DecidedBy).HasMaxLength(256);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.ChainLink).WithMany().HasForeignKey(x => x.ChainLinkId).OnDelete(DeleteBehavior.Restrict);
    }
}
