#!/usr/bin/env bash
# A virtual microphone for headless capture tests, on PulseAudio.
#
#   tests/support/virtual-audio.sh start   # bring it up (idempotent), print the env to export
#   tests/support/virtual-audio.sh stop    # stop only what `start` started
#   tests/support/virtual-audio.sh status
#
# Layout: null sink `speaker` (default output), null sink `micsink`, and source `virtmic`
# remapped from `micsink.monitor` (default input). `paplay --device=micsink file.wav` is what
# the microphone hears. cpal's ALSA host reaches it through libasound2-plugins' pulse bridge.
# A `parec` on micsink.monitor keeps the null sink in low-latency mode; without it and the
# settle delay, capture starts 1-2 s late.
#
# Needs: pulseaudio pulseaudio-utils libasound2-plugins (apt). Works as root.
set -euo pipefail

STATE_DIR="${REHEARSE_AUDIO_STATE:-${TMPDIR:-/tmp}/rehearse-virtual-audio}"
PA_PID_FILE="$STATE_DIR/pulseaudio.pid"
PAREC_PID_FILE="$STATE_DIR/parec.pid"
MODULES_FILE="$STATE_DIR/modules"

log() { echo "virtual-audio: $*" >&2; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

have_source() { pactl list short sources 2>/dev/null | awk '{print $2}' | grep -qx "$1"; }
have_sink() { pactl list short sinks 2>/dev/null | awk '{print $2}' | grep -qx "$1"; }

load() {
    local id
    id=$(pactl load-module "$@")
    echo "$id" >>"$MODULES_FILE"
}

start() {
    for tool in pulseaudio pactl parec; do
        command -v "$tool" >/dev/null || { log "missing $tool: apt-get install -y pulseaudio pulseaudio-utils libasound2-plugins"; exit 1; }
    done
    mkdir -p "$STATE_DIR"
    if ! pactl info >/dev/null 2>&1; then
        log "starting pulseaudio"
        # In the foreground of a background job (not -D) so that $! is the daemon's own PID.
        nohup pulseaudio --daemonize=no --exit-idle-time=-1 -n \
            --load=module-native-protocol-unix --load=module-always-sink \
            >"$STATE_DIR/pulseaudio.log" 2>&1 &
        echo $! >"$PA_PID_FILE"
        for _ in $(seq 100); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
        pactl info >/dev/null 2>&1 || { log "pulseaudio did not come up: $(tail -n 5 "$STATE_DIR/pulseaudio.log")"; exit 1; }
    else
        log "pulseaudio already running"
    fi
    have_sink speaker || load module-null-sink sink_name=speaker
    have_sink micsink || load module-null-sink sink_name=micsink
    have_source virtmic || load module-remap-source master=micsink.monitor source_name=virtmic
    pactl set-default-sink speaker
    pactl set-default-source virtmic
    local settle=0
    if ! alive "$PAREC_PID_FILE"; then
        nohup parec -d micsink.monitor --latency-msec=20 >/dev/null 2>&1 &
        echo $! >"$PAREC_PID_FILE"
        settle=1
    fi
    if [[ $settle == 1 ]]; then sleep 2.5; fi
    log "ready: default source virtmic, play into it with: paplay --device=micsink FILE.wav"
    echo "export REHEARSE_VIRTUAL_MIC=1"
}

stop() {
    if alive "$PAREC_PID_FILE"; then kill "$(cat "$PAREC_PID_FILE")" || true; fi
    rm -f "$PAREC_PID_FILE"
    if alive "$PA_PID_FILE"; then
        log "stopping the pulseaudio we started"
        local pid
        pid=$(cat "$PA_PID_FILE")
        kill "$pid" || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    elif [[ -f "$MODULES_FILE" ]]; then
        # The server was not ours: unload only the modules we loaded, newest first.
        tac "$MODULES_FILE" | while read -r id; do pactl unload-module "$id" 2>/dev/null || true; done
    fi
    rm -f "$PA_PID_FILE" "$MODULES_FILE"
}

status() {
    if pactl info >/dev/null 2>&1 && have_source virtmic; then
        echo "virtual microphone: up (default source $(pactl get-default-source))"
    else
        echo "virtual microphone: down"
        return 1
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
