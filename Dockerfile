# agentstream: one image for every role (all | api | worker).
#
#   docker build -t agentstream .
#   docker run --rm -p 8080:8080 agentstream                          # role all, embedded engine
#   docker run --rm -e TEMPORAL_ADDRESS=temporal:7233 agentstream --agentstream.role=worker
#
# Base images are pinned to exact tags (both Ubuntu 24.04 "noble"); pin digests too
# (image@sha256:...) if your registry policy asks for it.

# ---------------------------------------------------------------------------
# Stage 1: build the same jar the tests use (mvn -B -DskipTests package).
# ---------------------------------------------------------------------------
FROM maven:3.9.16-eclipse-temurin-21-noble AS build
WORKDIR /src

# Poms first: the dependency layer is rebuilt only when a pom changes.
COPY pom.xml ./
COPY workflows/pom.xml workflows/
COPY simulator/pom.xml simulator/
COPY activities/pom.xml activities/
COPY api/pom.xml api/
# Building the empty modules resolves every dependency and plugin, siblings included.
RUN mvn -B -q -DskipTests -Dspring-boot.repackage.skip=true package

# Then the sources.
COPY workflows/src workflows/src
COPY simulator/src simulator/src
COPY activities/src activities/src
COPY api/src api/src
RUN mvn -B -DskipTests package \
 && cp api/target/agentstream.jar /app.jar

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
COPY --from=build --chown=10001:10001 /app.jar /app/app.jar

USER 10001:10001

ENV PORT=8080
EXPOSE 8080

# The eclipse-temurin Ubuntu images install curl (and wget) in their base layer.
# The worker role serves no HTTP; docker-compose.yml disables this check for workers.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/actuator/health" > /dev/null || exit 1

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
