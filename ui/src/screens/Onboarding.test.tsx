import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import models from "../fixtures/models.json";
import { useApp } from "../state";
import type { ModelList, ModelStatus, Settings } from "../types";
import { useDownloads } from "../components/settings/downloads";
import { OnboardingScreen } from "./Onboarding";

const none = { ...models, active: null, models: models.models.map((m) => ({ ...m, installed: false, path: null })) } as ModelList;
const settings = { model: "base.en", theme: "system" } as Settings;

function fakeBackend() {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  let installed = false;
  let finish: (error: string | null) => void = () => {};
  mockIPC(
    (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      switch (cmd) {
        case "download_model":
          return new Promise<ModelStatus>((resolve, reject) => {
            finish = (error) => {
              if (error) return reject(error);
              installed = true;
              resolve({ ...(models.models[0] as ModelStatus) });
            };
          });
        case "list_models":
          return installed ? { ...models, active: "tiny.en" } : none;
        case "save_settings":
          return args.settings;
        default:
          throw `unexpected command ${cmd}`;
      }
    },
    { shouldMockEvents: true },
  );
  return { calls, finish: (error: string | null) => finish(error) };
}

beforeEach(() => {
  useDownloads.setState({ byName: {} });
  useApp.setState({ models: none, settings, route: { name: "onboarding" }, history: [] });
});
afterEach(() => {
  cleanup();
  clearMocks();
});

describe("Onboarding", () => {
  it("downloads the recommended model, chooses it and opens the library", async () => {
    const ipc = fakeBackend();
    render(<OnboardingScreen />);
    expect(screen.getByText(/77.7 MB download/)).toBeTruthy();
    fireEvent.click(screen.getByTestId("onboarding-download"));
    await waitFor(() => expect(ipc.calls.some((c) => c.cmd === "download_model")).toBe(true));
    await act(() => emit("model-progress", { name: "tiny.en", stage: "download", done: 38_852_349, total: 77_704_698 }));
    expect(screen.getByTestId("model-progress").textContent).toContain("38.9 MB of 77.7 MB — 50 %");
    expect(screen.queryByTestId("onboarding-download")).toBeNull();

    await act(async () => ipc.finish(null));
    await waitFor(() => expect(useApp.getState().route).toEqual({ name: "library" }));
    expect(ipc.calls.find((c) => c.cmd === "save_settings")!.args).toEqual({ settings: { ...settings, model: "tiny.en" } });
    expect(useApp.getState().models!.active).toBe("tiny.en");
  });

  it("says what happened when the download fails and offers an import", async () => {
    const ipc = fakeBackend();
    render(<OnboardingScreen />);
    fireEvent.click(screen.getByTestId("onboarding-download"));
    await waitFor(() => expect(ipc.calls.some((c) => c.cmd === "download_model")).toBe(true));
    await act(async () => ipc.finish("could not reach the model server: network is unreachable"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The download did not finish. could not reach the model server");
    expect(alert.textContent).toContain("import a model file");
    expect(screen.getByTestId("onboarding-download").textContent).toContain("Try the download again");
    expect(useApp.getState().route).toEqual({ name: "onboarding" });
    expect(ipc.calls.some((c) => c.cmd === "save_settings")).toBe(false);
  });
});
