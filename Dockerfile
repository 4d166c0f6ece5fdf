# syntax=docker/dockerfile:1
# Berth: Next.js standalone server + the wasm migration runner, run as a non-root user.

FROM node:20-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# Install scripts stay off: Prisma's would download a native engine Berth never uses (see stack notes).
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM node:20-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    BERTH_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run db:generate \
 && npx next build \
 && npx esbuild scripts/db/migrate.ts --bundle --platform=node --format=esm --target=node20 \
      --outfile=dist/scripts/db/migrate.mjs \
      --external:@prisma/schema-engine-wasm --external:pg-native \
      --alias:embedded-postgres=./deploy/embedded-postgres-stub.ts \
      "--banner:js=import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"

FROM node:20-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000
RUN groupadd --system --gid 1001 berth && useradd --system --uid 1001 --gid berth --no-create-home berth
COPY --from=build --chown=berth:berth /app/.next/standalone ./
COPY --from=build --chown=berth:berth /app/.next/static ./.next/static
COPY --from=build --chown=berth:berth /app/prisma ./prisma
COPY --from=build --chown=berth:berth /app/dist/scripts/db/migrate.mjs ./scripts/db/migrate.mjs
COPY --from=build --chown=berth:berth /app/node_modules/@prisma/schema-engine-wasm ./node_modules/@prisma/schema-engine-wasm
COPY --chown=berth:berth deploy/docker-entrypoint.sh ./docker-entrypoint.sh
USER berth
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/bin/sh", "/app/docker-entrypoint.sh"]
