// Canvas-drawn things (charts, the waveform) cannot use CSS variables directly, so they read the
// design tokens at draw time and redraw when the theme changes.
import { useEffect, useState } from "react";

/** The current value of a CSS custom property on the root element, e.g. readToken("--accent"). */
export function readToken(name: string): string {
  if (typeof document === "undefined") return "";
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** `#rrggbb` / `#rgb` with an alpha channel as rgba(); anything else is returned unchanged. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = colour.trim().replace(/^#/, "");
  const full =
    hex.length === 3
      ? hex
          .split("")
          .map((c) => c + c)
          .join("")
      : hex;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) return colour;
  const n = Number.parseInt(full, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * A number that changes whenever the effective theme may have changed: the app's data-theme
 * attribute (Settings) or the OS colour scheme (theme "system"). Use it as an effect dependency.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const media = window.matchMedia?.("(prefers-color-scheme: dark)");
    media?.addEventListener?.("change", bump);
    return () => {
      observer.disconnect();
      media?.removeEventListener?.("change", bump);
    };
  }, []);
  return version;
}
