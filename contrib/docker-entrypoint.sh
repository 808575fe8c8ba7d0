#!/bin/sh
# The container's entry point: gives an empty /data volume the shipped guide to start from,
# then runs guidebot with the container's arguments (default: serve).
set -eu
home="${GUIDEBOT_HOME:-/data}"
shipped="${GUIDEBOT_SHIPPED_KNOWLEDGE:-/opt/guidebot/knowledge}"
if [ ! -e "$home/knowledge" ]; then
    cp -R "$shipped" "$home/knowledge"
    echo "guidebot: no $home/knowledge yet, so starting from the shipped example guide; put the clinic's guide there (see README, Deploying)" >&2
fi
exec guidebot "$@"
