#!/usr/bin/env bash
# Runs the platform: restores, builds the front-end assets from npm, creates the SQLite database (data/fip.db),
# loads the Yangzhou plan and labelled demo accounts, and prints where to open it and how to sign in.
#   FIP_URL=http://127.0.0.1:5080   address to listen on
#   FIP_ADMIN_PASSWORD=...          first admin's password (otherwise generated and printed once)
#   FIP_DEMO=false                  leave out the demo accounts
set -euo pipefail
cd "$(dirname "$0")"
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20 with npm is required (npm not found)." >&2; exit 1; }

echo "Building (first run restores NuGet and npm packages)…"
dotnet build src/Fip.Web/Fip.Web.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build src/Fip.Cli/Fip.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

export Seed__Demo="${FIP_DEMO:-true}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
exec dotnet src/Fip.Web/bin/Release/net10.0/Fip.Web.dll --contentRoot "$PWD/src/Fip.Web" --urls "${FIP_URL:-http://127.0.0.1:5080}"
