using Fip.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fip.Web.Features.Supervision;

internal sealed class SupervisionTaskConfiguration : IEntityTypeConfiguration<SupervisionTask>
{
    public void Configure(EntityTypeBuilder<SupervisionTask> e)
    {
        e.ToTable("SupervisionTasks");
        e.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Cycle).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Number).HasMaxLength(20);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.TitleEn).HasMaxLength(300);
        e.Property(x => x.Description).HasMaxLength(8000);
        e.Property(x => x.Weight).HasPrecision(9, 2);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasIndex(x => new { x.PlanId, x.ParentId, x.SortOrder });
        e.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Programme).WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Districts).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Milestones).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskUnitConfiguration : IEntityTypeConfiguration<TaskUnit>
{
    public void Configure(EntityTypeBuilder<TaskUnit> e)
    {
        e.HasKey(x => new { x.TaskId, x.DepartmentId });
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(10);
        e.HasIndex(x => x.DepartmentId);
        e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskDistrictConfiguration : IEntityTypeConfiguration<TaskDistrict>
{
    public void Configure(EntityTypeBuilder<TaskDistrict> e)
    {
        e.HasKey(x => new { x.TaskId, x.DistrictId });
        e.HasIndex(x => x.DistrictId);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskMilestoneConfiguration : IEntityTypeConfiguration<TaskMilestone>
{
    public void Configure(EntityTypeBuilder<TaskMilestone> e)
    {
        e.Property(x => x.Title).HasMaxLength(300);
    }
}

internal sealed class TaskTargetConfiguration : IEntityTypeConfiguration<TaskTarget>
{
    public void Configure(EntityTypeBuilder<TaskTarget> e)
    {
        e.HasKey(x => new { x.TaskId, x.TargetId });
        e.HasOne(x => x.Target).WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> e)
    {
        e.Property(x => x.Period).HasMaxLength(10);
        e.Property(x => x.UnitKey).HasMaxLength(20);
        e.Property(x => x.Percent).HasPrecision(5, 1);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Done).HasMaxLength(4000);
        e.Property(x => x.Problems).HasMaxLength(4000);
        e.Property(x => x.NextSteps).HasMaxLength(4000);
        e.Property(x => x.SubmittedBy).HasMaxLength(256);
        e.Property(x => x.ReviewedBy).HasMaxLength(256);
        e.Property(x => x.ReviewComment).HasMaxLength(2000);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasIndex(x => new { x.TaskId, x.Period, x.UnitKey }).IsUnique();
        e.HasIndex(x => new { x.State, x.SubmittedAt });
        e.HasIndex(x => x.DepartmentId);
        e.HasIndex(x => x.DistrictId);
        e.HasOne(x => x.Task).WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> e)
    {
        e.Property(x => x.By).HasMaxLength(256);
        e.Property(x => x.Action).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Percent).HasPrecision(5, 1);
        e.Property(x => x.Comment).HasMaxLength(2000);
    }
}

internal sealed class ReportAttachmentConfiguration : IEntityTypeConfiguration<ReportAttachment>
{
    public void Configure(EntityTypeBuilder<ReportAttachment> e)
    {
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.StorageKey).HasMaxLength(100);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
    }
}

internal sealed class TaskUrgeConfiguration : IEntityTypeConfiguration<TaskUrge>
{
    public void Configure(EntityTypeBuilder<TaskUrge> e)
    {
        e.ToTable("TaskUrges");
        e.HasIndex(x => new { x.TaskId, x.At });
        e.HasIndex(x => new { x.UnitKey, x.RepliedAt });
        e.Property(x => x.UnitKey).HasMaxLength(20);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.By).HasMaxLength(100);
        e.Property(x => x.Reply).HasMaxLength(2000);
        e.Property(x => x.RepliedBy).HasMaxLength(100);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne(x => x.Task).WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InstructionConfiguration : IEntityTypeConfiguration<Instruction>
{
    public void Configure(EntityTypeBuilder<Instruction> e)
    {
        e.ToTable("Instructions");
        e.HasIndex(x => x.TaskId);
        e.HasIndex(x => x.TargetId);
        e.HasIndex(x => new { x.ByUserId, x.ClosedAt });
        e.Property(x => x.Text).HasMaxLength(2000);
        e.Property(x => x.ByUserId).HasMaxLength(450);
        e.Property(x => x.ByName).HasMaxLength(100);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne(x => x.Task).WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Target).WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Units).WithOne(x => x.Instruction).HasForeignKey(x => x.InstructionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InstructionUnitConfiguration : IEntityTypeConfiguration<InstructionUnit>
{
    public void Configure(EntityTypeBuilder<InstructionUnit> e)
    {
        e.ToTable("InstructionUnits");
        e.HasIndex(x => new { x.InstructionId, x.UnitKey }).IsUnique();
        e.HasIndex(x => new { x.UnitKey, x.RepliedAt });
        e.Property(x => x.UnitKey).HasMaxLength(20);
        e.Property(x => x.Reply).HasMaxLength(2000);
        e.Property(x => x.RepliedBy).HasMaxLength(100);
        e.Property(x => x.Version).HasMaxLength(32).IsConcurrencyToken();
        e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.District).WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
    }
}
