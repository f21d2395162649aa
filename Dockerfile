# Cloud Run image: one process (HTTP + pg-boss workers + cron), Postgres via DATABASE_URL.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx remix build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-slim
ENV NODE_ENV=production PORT=8080
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 8080
# node directly as PID 1: Cloud Run's SIGTERM must reach the server (npm does not pass it on).
CMD ["node", "--import", "tsx", "server.ts"]
