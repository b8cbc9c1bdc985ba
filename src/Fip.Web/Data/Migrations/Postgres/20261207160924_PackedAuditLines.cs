using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// An audit batch's lines compressed by the application (<see cref="Features.Audit.AuditBatch.PackedLines"/>), stored as they
    /// are: PostgreSQL's own compression of long values would try and fail on them.
    /// </summary>
    public partial class PackedAuditLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "PackedLines",
                table: "AuditBatches",
                type: "bytea",
                nullable: true);
            migrationBuilder.Sql("ALTER TABLE \"AuditBatches\" ALTER COLUMN \"PackedLines\" SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PackedLines",
                table: "AuditBatches");
        }
    }
}
