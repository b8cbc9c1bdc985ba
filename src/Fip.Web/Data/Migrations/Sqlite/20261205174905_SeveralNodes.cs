using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fip.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SeveralNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Duplicates written before the unique keys (two nodes, or the job and an admin's evaluation, at once) go first:
            // the oldest scheduled snapshot of an indicator's month stays; of several unresolved alerts of one key the oldest
            // stays open and the others are resolved by the system as duplicates; one message per alert and robot stays.
            migrationBuilder.Sql(
                "DELETE FROM \"IndicatorSnapshots\" WHERE \"Kind\" = 'scheduled' AND \"Id\" NOT IN " +
                "(SELECT MIN(\"Id\") FROM \"IndicatorSnapshots\" WHERE \"Kind\" = 'scheduled' GROUP BY \"IndicatorId\", \"Period\");");
            migrationBuilder.Sql(
                "UPDATE \"Alerts\" SET \"Status\" = 'Resolved', \"ResolvedAt\" = \"RaisedAt\", \"ResolvedBy\" = 'system', " +
                "\"ResolutionNote\" = '重复预警' WHERE \"Status\" <> 'Resolved' AND \"Id\" NOT IN " +
                "(SELECT MIN(\"Id\") FROM \"Alerts\" WHERE \"Status\" <> 'Resolved' GROUP BY \"DedupKey\");");
            migrationBuilder.Sql(
                "DELETE FROM \"AlertDeliveries\" WHERE \"Id\" NOT IN " +
                "(SELECT MIN(\"Id\") FROM \"AlertDeliveries\" GROUP BY \"AlertId\", \"ChannelId\");");

            migrationBuilder.DropIndex(
                name: "IX_AlertDeliveries_AlertId",
                table: "AlertDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_AlertDeliveries_ChannelId",
                table: "AlertDeliveries");

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "AlertDeliveries",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntil",
                table: "AlertDeliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorSnapshots_Scheduled",
                table: "IndicatorSnapshots",
                columns: new[] { "IndicatorId", "Period" },
                unique: true,
                filter: "\"Kind\" = 'scheduled'");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_DedupKey_Unresolved",
                table: "Alerts",
                column: "DedupKey",
                unique: true,
                filter: "\"Status\" <> 'Resolved'");

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_AlertId_ChannelId",
                table: "AlertDeliveries",
                columns: new[] { "AlertId", "ChannelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_ChannelId_SentAt",
                table: "AlertDeliveries",
                columns: new[] { "ChannelId", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorSnapshots_Scheduled",
                table: "IndicatorSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_DedupKey_Unresolved",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_AlertDeliveries_AlertId_ChannelId",
                table: "AlertDeliveries");

            migrationBuilder.DropIndex(
                name: "IX_AlertDeliveries_ChannelId_SentAt",
                table: "AlertDeliveries");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "AlertDeliveries");

            migrationBuilder.DropColumn(
                name: "ClaimedUntil",
                table: "AlertDeliveries");

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_AlertId",
                table: "AlertDeliveries",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_ChannelId",
                table: "AlertDeliveries",
                column: "ChannelId");
        }
    }
}
