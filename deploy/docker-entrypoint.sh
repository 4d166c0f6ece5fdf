#!/bin/sh
# Apply pending migrations before serving: a Berth whose schema lags its code must not start.
set -eu
node /app/scripts/db/migrate.mjs deploy
exec node /app/server.js
