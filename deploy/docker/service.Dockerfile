# Any Flotilla service as a container image; SERVICE names its module. Where no Docker engine runs,
# ./flotilla image build makes the same images (see README.md).
#   ./mvnw -B package -DskipTests
#   docker build -f deploy/docker/service.Dockerfile --build-arg SERVICE=renderer -t flotilla/renderer .
FROM eclipse-temurin:17-jre
ARG SERVICE
# The renderer builds kustomization.yaml folders with kustomize: kubectl kustomize, as on the machines it is tested on.
ADD --chmod=755 https://dl.k8s.io/release/v1.32.4/bin/linux/amd64/kubectl /usr/local/bin/kubectl
WORKDIR /deployments
COPY ${SERVICE}/target/quarkus-app/lib/ lib/
COPY ${SERVICE}/target/quarkus-app/*.jar ./
COPY ${SERVICE}/target/quarkus-app/app/ app/
COPY ${SERVICE}/target/quarkus-app/quarkus/ quarkus/
USER 1001
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-jar", "quarkus-run.jar"]
