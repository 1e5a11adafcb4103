# One image for both apps; the command picks which one runs. Node 24 LTS, as in .nvmrc.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# kafkajs 2.2.4's negative timer (docs/stack.md): harmless, and its warning would interrupt the JSON log.
ENV NODE_OPTIONS=--disable-warning=TimeoutNegativeWarning
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# gRPC loads the .proto files at run time.
COPY --from=build /app/proto ./proto
COPY package.json ./
USER node
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
