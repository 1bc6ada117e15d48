# syntax=docker/dockerfile:1.7
# agentstream: one image for every role (all | api | worker).
#
#   docker build -t agentstream .
#   docker run --rm -p 8080:8080 agentstream                          # role all, embedded engine
#   docker run --rm -e TEMPORAL_ADDRESS=temporal:7233 agentstream --agentstream.role=worker
#
# Needs BuildKit: the default of `docker build` since Docker Engine 23 and of Compose (v2, and
# v1.29 which builds through the docker CLI); on older engines set DOCKER_BUILDKIT=1. The build
# stage keeps the Maven repository in a cache mount, so a rebuild downloads nothing already fetched.
#
# The build stage copies the whole source tree (.dockerignore drops target/, node_modules/, .git,
# docs) and builds only the api jar and the modules it depends on (-pl api -am), so adding a
# Maven module needs no change here. CI replays this stage without Docker after `mvn -B verify`
# (.ci/replay-docker-build); docs/compose.md says how.
#
# Base images are pinned to exact tags (both Ubuntu 24.04 "noble"); pin digests too
# (image@sha256:...) if your registry policy asks for it.

# ---------------------------------------------------------------------------
# Stage 1: build the jar the tests use, then split it into Spring Boot's layers.
# ---------------------------------------------------------------------------
FROM maven:3.9.16-eclipse-temurin-21-noble AS build
WORKDIR /src

COPY . .

# Tests run in CI, not here. -DskipTests skips the JS client's `node --test` too, as long as its
# test-phase plugin honours it (exec-maven-plugin: <skip>${skipTests}</skip>): this image has no
# node, and the CI replay hides node to match. Modules api does not depend on are not built.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    mvn -B -ntp -DskipTests -pl api -am package

# Layers from the least to the most often changed: dependencies, spring-boot-loader,
# snapshot-dependencies, application (our classes and our modules' jars).
RUN java -Djarmode=tools -jar api/target/agentstream.jar \
      extract --layers --launcher --destination target/layers

# ---------------------------------------------------------------------------
# Stage 2: JRE only, non-root.
# ---------------------------------------------------------------------------
FROM eclipse-temurin:21.0.12_8-jre-noble

# uid/gid 10001, no login shell, no home contents.
RUN groupadd --system --gid 10001 agentstream \
 && useradd --system --uid 10001 --gid agentstream --no-create-home \
      --home-dir /app --shell /usr/sbin/nologin agentstream \
 && mkdir -p /app \
 && chown agentstream:agentstream /app

WORKDIR /app
# One image layer per Spring Boot layer: a code change rebuilds only the last one.
COPY --from=build --chown=10001:10001 /src/target/layers/dependencies/ ./
COPY --from=build --chown=10001:10001 /src/target/layers/spring-boot-loader/ ./
COPY --from=build --chown=10001:10001 /src/target/layers/snapshot-dependencies/ ./
COPY --from=build --chown=10001:10001 /src/target/layers/application/ ./

USER 10001:10001

ENV PORT=8080
# 8080: the API (roles all and api); 8081: a worker's management port (health, metrics).
EXPOSE 8080 8081

# The eclipse-temurin Ubuntu images install curl (and wget) in their base layer.
# A worker serves only actuator, on its management port: docker-compose.yml checks it there.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/actuator/health" > /dev/null || exit 1

# The extracted jar: the same classes as `java -jar agentstream.jar`, with its nested jars as
# ordinary files. Arguments after the image name go to the app (--agentstream.role=worker).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
