// The library's search and filters survive opening a card and coming back.
import { create } from "zustand";
import { emptyFilters, toggleFilter, type FacetKey, type Filters } from "./filter";

interface LibraryView {
  query: string;
  filters: Filters;
  setQuery: (q: string) => void;
  toggle: (key: FacetKey, value: string) => void;
  clear: () => void;
}

export const useLibraryView = create<LibraryView>((set) => ({
  query: "",
  filters: emptyFilters(),
  setQuery: (query) => set({ query }),
  toggle: (key, value) => set((s) => ({ filters: toggleFilter(s.filters, key, value) })),
  clear: () => set({ query: "", filters: emptyFilters() }),
}));
