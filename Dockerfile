# syntax=docker/dockerfile:1

# ---- build: compile the server (and the web console, once the project has one) with the dev dependencies ----
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build \
 && npm run build:web --if-present \
 && mkdir -p web/dist \
 && npm prune --omit=dev

# ---- runtime: compiled JavaScript and production dependencies only, run by the unprivileged `node` user ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Code and configuration stay owned by root: the process can read them, not change them.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
COPY --from=build /app/processes ./processes
COPY --from=build /app/web/dist ./web/dist
# The embedded SQLite database and the demo tokens live here (mount a volume to keep them).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
VOLUME ["/app/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Quick start: `docker run -p 3000:3000 complaint-flow` serves on embedded SQLite with the demo organisation
# (SEED_DEMO=true by default; tokens printed in the log). docker-compose.yml shows the production setup.
CMD ["node", "--max-old-space-size=512", "dist/src/main.js"]
