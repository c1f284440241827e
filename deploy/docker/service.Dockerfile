# Any Flotilla service as a container image; SERVICE names its module.
#   ./mvnw -B package -DskipTests
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=renderer -t flotilla/renderer .
FROM eclipse-temurin:17-jre
ARG SERVICE
WORKDIR /deployments
COPY ${SERVICE}/target/quarkus-app/lib/ lib/
COPY ${SERVICE}/target/quarkus-app/*.jar ./
COPY ${SERVICE}/target/quarkus-app/app/ app/
COPY ${SERVICE}/target/quarkus-app/quarkus/ quarkus/
USER 1001
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-jar", "quarkus-run.jar"]
