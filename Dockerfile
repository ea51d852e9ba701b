# syntax=docker/dockerfile:1
# The CSP Partner Bot image: the compiled bot (npm run build) on production dependencies, run by the non-root
# `node` user. No docker daemon runs on the project's machines: .ci/image-steps replays these steps in clean
# folders (the deps stage's COPY lines are read from this file) and checks /readyz; see README "Production build
# and image".
#
#   docker build -t csp-partner-bot .
#   docker run -p 3978:3978 -v csp-data:/app/data csp-partner-bot                      # SQLite in the volume
#   docker run -p 3978:3978 -e DATABASE_URL=postgres://... -e DATA_ENCRYPTION_KEY=... csp-partner-bot

ARG NODE_IMAGE=node:20-slim

# Production dependencies only (no tsx, no esbuild). better-sqlite3 compiles from source when it cannot fetch a
# prebuilt binary; the postinstall (prisma generate) reads prisma.config.ts, which loads the two files below.
FROM ${NODE_IMAGE} AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/ ./prisma/
COPY src/data/database-url.ts src/data/migration-adapters.ts ./src/data/
RUN npm ci --omit=dev --no-audit --no-fund

# The build: every dependency, then tsc + the tab bundle + cards and migrations into dist/ (scripts/build.ts).
FROM ${NODE_IMAGE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/ ./prisma/
COPY src/data/database-url.ts src/data/migration-adapters.ts ./src/data/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: dist/ holds the code, the card templates and the migrations it applies at start.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY --from=deps /app/package.json ./package.json
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# ./data: the default SQLite database, its data-key file and the .eml mail folder (mount a volume here)
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/scripts/healthcheck.js"]
# node as PID 1 is fine here: the bot handles SIGTERM/SIGINT itself (finishes in-flight turns, then exits)
CMD ["node", "dist/scripts/start.js"]
