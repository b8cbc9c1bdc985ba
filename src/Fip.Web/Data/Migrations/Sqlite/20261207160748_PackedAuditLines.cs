using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
{
    /// <summary>An audit batch's lines compressed by the application (<see cref="Features.Audit.AuditBatch.PackedLines"/>).</summary>
    public partial class PackedAuditLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "PackedLines",
                table: "AuditBatches",
                type: "BLOB",
                nullable: true);
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
