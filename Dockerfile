# syntax=docker/dockerfile:1
#
# Distillery image. Needs BuildKit (Docker 23+ uses it by default): it builds only the stages the chosen
# FLAVOR needs.
#
#   CPU (default; PyTorch's CPU natives come from the jar and are extracted at build time):
#     docker build -t distillery:0.1.0 .
#   CUDA 12.8 (a CUDA libtorch 2.7.1 under /opt/libtorch; DJL loads it offline):
#     docker build --build-arg FLAVOR=cu128 -t distillery:0.1.0-cu128 .
#
# See docs/deploy.md for every build argument and environment variable.

# cpu | cu128 (the CUDA flavor DJL 0.36's pytorch-jni ships a JNI library for)
ARG FLAVOR=cpu
ARG BUILD_IMAGE=eclipse-temurin:17-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17-jre-noble
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-base-ubuntu24.04

# ---------------------------------------------------------------------------------------------------
# build: the Maven wrapper builds the executable jar; its dependency layer is cached
FROM ${BUILD_IMAGE} AS build
ARG FLAVOR
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src/main/ src/main/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Dmaven.test.skip=true package \
    && java -Djarmode=tools -jar target/distillery-*.jar extract --layers --launcher --destination /out/app
# The CPU flavor loads PyTorch once here, so its natives (~430 MB) are extracted into the image
# instead of on every container's first start; the cache is read-only at run time.
RUN mkdir -p /out/djl-cache \
    && if [ "$FLAVOR" = "cpu" ]; then \
         printf 'class Warm { public static void main(String[] a) { System.out.println("PyTorch " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion()); } }\n' > /tmp/Warm.java \
         && java -Dai.djl.offline=true -DDJL_CACHE_DIR=/out/djl-cache \
              -cp '/out/app/dependencies/BOOT-INF/lib/*' /tmp/Warm.java; \
       fi

# ---------------------------------------------------------------------------------------------------
# libtorch: the CUDA libtorch 2.7.1 (cxx11 ABI, CUDA libraries bundled) for the cu128 flavor
FROM ${BUILD_IMAGE} AS libtorch
ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
# optional: the archive's SHA-256, checked when given
ARG LIBTORCH_SHA256=
WORKDIR /tmp
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl unzip \
    && rm -rf /var/lib/apt/lists/* \
    && curl -fsSL --retry 3 -o libtorch.zip "$LIBTORCH_URL" \
    && if [ -n "$LIBTORCH_SHA256" ]; then echo "$LIBTORCH_SHA256  libtorch.zip" | sha256sum -c -; fi \
    && unzip -q libtorch.zip 'libtorch/lib/*' -d /opt \
    && rm libtorch.zip

# ---------------------------------------------------------------------------------------------------
# runtime bases, one per flavor
FROM ${JRE_IMAGE} AS runtime-cpu
# baked by the build stage, read-only
ENV DJL_CACHE_DIR=/opt/distillery/djl-cache

FROM ${JRE_IMAGE} AS jre

FROM ${CUDA_IMAGE} AS runtime-cu128
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH=/opt/java/openjdk/bin:$PATH
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
COPY --from=libtorch /opt/libtorch/lib /opt/libtorch/lib
# DJL takes LibTorch from here instead of the CPU natives in the jar; it extracts only its small JNI
# library (cu128) at first start, into the data directory
ENV PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu128 \
    DJL_CACHE_DIR=/var/lib/distillery/djl-cache

# ---------------------------------------------------------------------------------------------------
# runtime: non-root, JRE only
FROM runtime-${FLAVOR} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 distillery \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/distillery --shell /usr/sbin/nologin distillery \
    && mkdir -p /var/lib/distillery/checkpoints /var/lib/distillery/datasets \
    && chown -R 10001:10001 /var/lib/distillery
# glibc allocator settings: without them PyTorch's CPU training is ~2.6x slower (see README)
ENV MALLOC_MMAP_THRESHOLD_=33554432 \
    MALLOC_TRIM_THRESHOLD_=17179869184 \
    MALLOC_TOP_PAD_=1073741824 \
    DISTILLERY_DATA_DIR=/var/lib/distillery \
    SERVER_PORT=8080
WORKDIR /app
COPY --from=build /out/djl-cache/ /opt/distillery/djl-cache/
COPY --from=build /out/app/dependencies/ ./
COPY --from=build /out/app/spring-boot-loader/ ./
COPY --from=build /out/app/snapshot-dependencies/ ./
COPY --from=build /out/app/application/ ./
USER 10001:10001
VOLUME ["/var/lib/distillery"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health" || exit 1
# The heap is a share of the container's memory limit; most of a training's memory is LibTorch's
# native memory outside the heap, so the heap gets well under half. JAVA_TOOL_OPTIONS adds flags.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError", "-Dai.djl.offline=true", \
            "org.springframework.boot.loader.launch.JarLauncher"]
