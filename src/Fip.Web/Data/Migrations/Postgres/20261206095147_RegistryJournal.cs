using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegistryJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegistryChanges",
                columns: table => new
                {
                    Stamp = table.Column<long>(type: "bigint", nullable: false),
                    EnterpriseId = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistryChanges", x => new { x.Stamp, x.EnterpriseId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegistryChanges_At",
                table: "RegistryChanges",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegistryChanges");
        }
    }
}
