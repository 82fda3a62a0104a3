#!/usr/bin/env bash
# Development aid: screenshot the preview page (src/dev/preview.tsx) in WebKitGTK's MiniBrowser.
# usage: scripts/preview-shot.sh "route=library&theme=dark" out.png [display-number] [port]
# Needs Xvfb and ImageMagick (cargo xtask setup installs both). Cleans up what it starts.
set -euo pipefail
query=$1 out=$2 disp=${3:-91} port=${4:-5191}
cd "$(dirname "$0")/.."
Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
node node_modules/vite/bin/vite.js --port "$port" --strictPort >/dev/null 2>&1 & vite=$!
trap 'kill $browser $vite $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://localhost:$port/preview.html" >/dev/null && break; sleep 0.2; done
DISPLAY=":$disp" WEBKIT_DISABLE_COMPOSITING_MODE=1 /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser \
  --geometry=1280x800 "http://localhost:$port/preview.html?$query" >/dev/null 2>&1 & browser=$!
sleep "${PREVIEW_WAIT:-6}"
DISPLAY=":$disp" import -window root "$out"
echo "$out"
