// Model downloads outlive the screen that started them (a user may leave Settings while 150 MB
// arrive), so their progress lives in a small store shared by Settings and Onboarding.
import { create } from "zustand";
import { api, events, on, type ModelProgressEvent } from "../../api";
import { useApp } from "../../state";
import type { ModelStatus } from "../../types";

export interface Download {
  state: "running" | "cancelling" | "failed" | "cancelled" | "done";
  stage: string;
  done: number;
  total: number | null;
  /** The Rust side's message when the download failed. */
  error: string | null;
}

interface DownloadsState {
  byName: Record<string, Download>;
  /** Starts a download; resolves with the installed model, or null if it failed or was cancelled. */
  start: (name: string) => Promise<ModelStatus | null>;
  cancel: (name: string) => Promise<void>;
  /** Forgets a finished download's message. */
  dismiss: (name: string) => void;
}

export const useDownloads = create<DownloadsState>((set, get) => {
  const patch = (name: string, p: Partial<Download>) =>
    set((s) => {
      const prev = s.byName[name];
      if (!prev) return s;
      return { byName: { ...s.byName, [name]: { ...prev, ...p } } };
    });

  return {
    byName: {},
    start: async (name) => {
      const current = get().byName[name];
      if (current && (current.state === "running" || current.state === "cancelling")) return null;
      set((s) => ({
        byName: {
          ...s.byName,
          [name]: { state: "running", stage: "download", done: 0, total: null, error: null },
        },
      }));
      const unlisten = await on<ModelProgressEvent>(events.modelProgress, (p) => {
        if (p.name !== name) return;
        patch(name, { stage: p.stage, done: p.done, total: p.total });
      });
      try {
        const status = await api.downloadModel(name);
        patch(name, { state: "done", error: null });
        await useApp.getState().reloadModels();
        return status;
      } catch (e) {
        const cancelled = get().byName[name]?.state === "cancelling";
        patch(name, cancelled ? { state: "cancelled", error: null } : { state: "failed", error: String(e) });
        // A cancelled or failed download may leave a partial file the list reports.
        await useApp.getState().reloadModels().catch(() => undefined);
        return null;
      } finally {
        unlisten();
      }
    },
    cancel: async (name) => {
      if (get().byName[name]?.state !== "running") return;
      patch(name, { state: "cancelling" });
      try {
        await api.cancelDownload(name);
      } catch (e) {
        patch(name, { state: "running", error: `Could not cancel: ${String(e)}` });
      }
    },
    dismiss: (name) =>
      set((s) => {
        const rest = { ...s.byName };
        delete rest[name];
        return { byName: rest };
      }),
  };
});

export function isActive(d: Download | undefined): boolean {
  return d?.state === "running" || d?.state === "cancelling";
}
