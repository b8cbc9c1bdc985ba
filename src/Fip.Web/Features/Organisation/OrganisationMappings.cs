using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Organisation;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> e)
    {
        e.Property(d => d.Code).HasMaxLength(6);
        e.Property(d => d.StatsCode).HasMaxLength(12);
        e.Property(d => d.Name).HasMaxLength(100);
        e.Property(d => d.ShortName).HasMaxLength(100);
        e.Property(d => d.Aliases).HasMaxLength(500);
        e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(d => d.Name).IsUnique();
        e.HasIndex(d => d.Code);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.Property(d => d.Name).HasMaxLength(100);
        e.Property(d => d.FullName).HasMaxLength(200);
        e.Property(d => d.Aliases).HasMaxLength(500);
        e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(d => d.Members).HasMaxLength(2000);
        e.Ignore(d => d.IsGroup);
        e.HasIndex(d => d.Name).IsUnique();
    }
}
