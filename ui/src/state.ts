// One small app store: where the user is, and the data most screens share (cards, settings).
import { create } from "zustand";
import { api, type AppInfo } from "./api";
import type { LibraryCard, ModelList, Settings } from "./types";

export type Route =
  | { name: "library" }
  | { name: "card"; cardId: string }
  | { name: "card-edit"; cardId: string | null }
  | { name: "practice"; cardId: string }
  | { name: "report"; attemptId: number }
  | { name: "mock" }
  | { name: "history" }
  | { name: "replay"; attemptId: number; /** start playback here (s) */ at_s?: number }
  | { name: "compare"; a: number; b: number }
  | { name: "progress" }
  | { name: "settings" }
  | { name: "onboarding" };

interface AppState {
  route: Route;
  /** Where "back" goes. */
  history: Route[];
  info: AppInfo | null;
  cards: LibraryCard[] | null;
  settings: Settings | null;
  models: ModelList | null;
  /** A problem loading shared data, shown by the shell. */
  loadError: string | null;
  navigate: (route: Route) => void;
  back: () => void;
  loadAll: () => Promise<void>;
  reloadCards: () => Promise<void>;
  reloadModels: () => Promise<void>;
  saveSettings: (s: Settings) => Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  route: { name: "library" },
  history: [],
  info: null,
  cards: null,
  settings: null,
  models: null,
  loadError: null,
  navigate: (route) => set((s) => ({ route, history: [...s.history.slice(-30), s.route] })),
  back: () =>
    set((s) => {
      const prev = s.history[s.history.length - 1];
      return prev ? { route: prev, history: s.history.slice(0, -1) } : { route: { name: "library" } };
    }),
  loadAll: async () => {
    try {
      const [info, settings, cards, models] = await Promise.all([
        api.appInfo(),
        api.getSettings(),
        api.listCards(),
        api.listModels(),
      ]);
      set({ info, settings, cards, models, loadError: null });
      if (!models.active) set({ route: { name: "onboarding" } });
    } catch (e) {
      set({ loadError: String(e) });
    }
  },
  reloadCards: async () => set({ cards: await api.listCards() }),
  reloadModels: async () => set({ models: await api.listModels() }),
  saveSettings: async (s) => {
    const before = get().settings?.model;
    const saved = await api.saveSettings(s);
    set({ settings: saved });
    if (saved.model !== before) await get().reloadModels();
  },
}));

/** The card with this id, if loaded. */
export function useCard(id: string | null | undefined): LibraryCard | undefined {
  return useApp((s) => s.cards?.find((c) => c.card.id === id));
}
