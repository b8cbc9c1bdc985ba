using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Messaging;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> e)
    {
        e.ToTable("Messages");
        e.HasIndex(x => new { x.EventKey, x.UserId }).IsUnique();
        e.HasIndex(x => new { x.UserId, x.ReadAt });
        e.HasIndex(x => x.CreatedAt);
        e.Property(x => x.EventKey).HasMaxLength(200);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.TitleEn).HasMaxLength(300);
        e.Property(x => x.Body).HasMaxLength(2000);
        e.Property(x => x.BodyEn).HasMaxLength(2000);
        e.Property(x => x.Link).HasMaxLength(300);
        e.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
