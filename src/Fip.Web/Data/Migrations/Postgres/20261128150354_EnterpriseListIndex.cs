using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EnterpriseListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_DistrictId_IsDeleted",
                table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_DistrictId_IsDeleted_Name_ShortName_CreditCode",
                table: "Enterprises",
                columns: new[] { "DistrictId", "IsDeleted", "Name", "ShortName", "CreditCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_DistrictId_IsDeleted_Name_ShortName_CreditCode",
                table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_DistrictId_IsDeleted",
                table: "Enterprises",
                columns: new[] { "DistrictId", "IsDeleted" });
        }
    }
}
