// The recording's waveform (wavesurfer.js 8) with findings, STAR sections and notes drawn on it.
// Drawn from precomputed peaks so a long recording is usable at once: wavesurfer then neither
// fetches nor decodes the file, the <audio> element streams it.
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import WaveSurfer from "wavesurfer.js";
import RegionsPlugin from "wavesurfer.js/dist/plugins/regions.esm.js";
import TimelinePlugin from "wavesurfer.js/dist/plugins/timeline.esm.js";
import type { Note } from "../../types";
import { readToken, useThemeVersion, withAlpha } from "../progress/theme";
import { formatClock, isStarPart, KIND_COLOUR_VAR, type ReplayRegion } from "./timeline";

export interface WaveformHandle {
  playPause: () => void;
  skip: (seconds: number) => void;
  seek: (seconds: number) => void;
  currentTime: () => number;
}

interface Props {
  /** Playable URL of the recording; null when there is none (the outline may still be drawn). */
  url: string | null;
  /** Precomputed outline; null makes wavesurfer decode the file itself (slower). */
  peaks: number[] | null;
  duration: number;
  regions: ReplayRegion[];
  notes: Note[];
  rate: number;
  /** Seconds to start at once the audio is ready (opened from a finding in the report). */
  startAt?: number;
  onTime: (t: number) => void;
  onPlayingChange: (playing: boolean) => void;
  onError: (message: string) => void;
}

type Regions = ReturnType<typeof RegionsPlugin.create>;

const MARK_STYLE: Partial<CSSStyleDeclaration> = {
  display: "block",
  fontSize: "10px",
  lineHeight: "15px",
  fontWeight: "600",
  padding: "0 2px",
  whiteSpace: "nowrap",
  overflow: "hidden",
  pointerEvents: "none",
};

/** The browser's media error codes in words; wavesurfer reports them as "Media error N". */
export function mediaErrorText(e: Error): string {
  const code = /Media error (\d)/.exec(e.message)?.[1];
  switch (code) {
    case "1":
      return "loading was stopped";
    case "2":
      return "the file could not be read";
    case "3":
      return "the audio could not be decoded; the file may be damaged";
    case "4":
      return "the file is missing or its format is not supported";
    default:
      return e.message || String(e);
  }
}

function regionColour(r: ReplayRegion): string {
  const base = readToken(KIND_COLOUR_VAR[r.kind]);
  return withAlpha(base, isStarPart(r.kind) ? 0.9 : 0.3);
}

function drawRegions(plugin: Regions, regions: ReplayRegion[], notes: Note[]) {
  plugin.clearRegions();
  const text = readToken("--text");
  for (const r of regions) {
    const star = isStarPart(r.kind);
    const mark = document.createElement("span");
    mark.textContent = r.mark;
    // Inline styles: region content lives in wavesurfer's shadow DOM, out of reach of our CSS.
    Object.assign(mark.style, MARK_STYLE, { color: star ? readToken("--surface") : text });
    const region = plugin.addRegion({
      id: `rep-${r.id}`,
      start: r.start,
      end: r.end,
      color: regionColour(r),
      drag: false,
      resize: false,
    });
    const el = region.element;
    if (!el) continue;
    // Appended by hand rather than passed as `content`: the plugin lays out every region's
    // content against all earlier ones (quadratic, one forced layout each), which took seconds for
    // a long answer's few hundred findings.
    el.appendChild(mark);
    el.title = `${r.label} · ${formatClock(r.start)}`;
    // STAR sections sit in a thin band along the top, above the findings, leaving the timeline
    // at the bottom readable.
    if (star) {
      el.style.top = "0";
      el.style.height = "15px";
    } else {
      el.style.top = "17px";
      el.style.height = "calc(100% - 35px)";
    }
  }
  const accent = readToken("--accent");
  for (const n of notes) {
    if (n.at_s == null) continue;
    const label = document.createElement("span");
    label.textContent = "✎";
    Object.assign(label.style, MARK_STYLE, { color: accent, fontSize: "13px" });
    const region = plugin.addRegion({ id: `rep-note-${n.id}`, start: n.at_s, color: accent, drag: false });
    if (!region.element) continue;
    region.element.appendChild(label);
    region.element.title = `Note at ${formatClock(n.at_s)}: ${n.text}`;
  }
}

export const Waveform = forwardRef<WaveformHandle, Props>(function Waveform(
  { url, peaks, duration, regions, notes, rate, startAt, onTime, onPlayingChange, onError },
  ref,
) {
  const container = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const regionsPlugin = useRef<Regions | null>(null);
  const themeVersion = useThemeVersion();
  // Callbacks change every render; the instance keeps reading the latest ones.
  const callbacks = useRef({ onTime, onPlayingChange, onError, startAt });
  callbacks.current = { onTime, onPlayingChange, onError, startAt };
  const drawn = useRef({ regions, notes });
  drawn.current = { regions, notes };

  useImperativeHandle(ref, () => ({
    playPause: () => {
      void ws.current?.playPause().catch((e: unknown) => callbacks.current.onError(String(e)));
    },
    skip: (s) => ws.current?.skip(s),
    seek: (t) => ws.current?.setTime(t),
    currentTime: () => ws.current?.getCurrentTime() ?? 0,
  }));

  useEffect(() => {
    if (!container.current) return;
    const plugin = RegionsPlugin.create();
    const instance = WaveSurfer.create({
      container: container.current,
      height: 112,
      url: url ?? undefined,
      peaks: peaks ? [peaks] : undefined,
      duration: peaks ? duration : undefined,
      waveColor: readToken("--muted"),
      progressColor: readToken("--accent"),
      cursorColor: readToken("--text"),
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      normalize: true,
      dragToSeek: true,
      plugins: [
        plugin,
        // No colour here: the labels inherit .rep-wave's colour, which follows the theme.
        TimelinePlugin.create({ height: 18, style: { fontSize: "11px" } }),
      ],
    });
    ws.current = instance;
    regionsPlugin.current = plugin;
    const offs = [
      instance.on("ready", () => {
        // The audio can play from here on (also the E2E suite's cue).
        container.current?.setAttribute("data-ready", "true");
        drawRegions(plugin, drawn.current.regions, drawn.current.notes);
        const at = callbacks.current.startAt;
        if (at != null && at > 0) instance.setTime(at);
      }),
      instance.on("timeupdate", (t) => callbacks.current.onTime(t)),
      instance.on("play", () => callbacks.current.onPlayingChange(true)),
      instance.on("pause", () => callbacks.current.onPlayingChange(false)),
      instance.on("finish", () => callbacks.current.onPlayingChange(false)),
      instance.on("error", (e) => callbacks.current.onError(mediaErrorText(e))),
      plugin.on("region-clicked", (region, e) => {
        e.stopPropagation();
        instance.setTime(region.start);
      }),
    ];
    return () => {
      offs.forEach((off) => off());
      instance.destroy();
      ws.current = null;
      regionsPlugin.current = null;
    };
  }, [url, peaks, duration]);

  useEffect(() => {
    const instance = ws.current;
    const plugin = regionsPlugin.current;
    if (!instance || !plugin) return;
    instance.setOptions({
      waveColor: readToken("--muted"),
      progressColor: readToken("--accent"),
      cursorColor: readToken("--text"),
    });
    if (instance.getDuration() > 0) drawRegions(plugin, regions, notes);
  }, [regions, notes, themeVersion]);

  useEffect(() => {
    ws.current?.setPlaybackRate(rate, true);
  }, [rate]);

  return <div ref={container} className="rep-wave" data-testid="replay-waveform" />;
});
