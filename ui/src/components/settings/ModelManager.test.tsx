import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import models from "../../fixtures/models.json";
import { useApp } from "../../state";
import type { ModelList, Settings } from "../../types";
import { useDownloads } from "./downloads";
import { ModelManager } from "./ModelManager";

const list = { ...models, active: "tiny.en" } as ModelList;

/** Stands in for the Rust model manager; the download finishes or fails when the test says so. */
function fakeManager(installed: ModelList = list) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  let finish: (ok: boolean, value: unknown) => void = () => {};
  mockIPC(
    (cmd, raw) => {
      const args = (raw ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      switch (cmd) {
        case "list_models":
          return installed;
        case "download_model":
          return new Promise((resolve, reject) => {
            finish = (ok, value) => (ok ? resolve(value) : reject(value));
          });
        case "cancel_download":
          finish(false, "download cancelled");
          return null;
        case "delete_model":
          return null;
        default:
          throw `unexpected command ${cmd}`;
      }
    },
    { shouldMockEvents: true },
  );
  return { calls, finish: (ok: boolean, value: unknown) => finish(ok, value) };
}

function row(name: string): HTMLElement {
  return screen.getAllByTestId("model-row").find((r) => r.textContent!.includes(name) && within(r).queryByText(name))!;
}

beforeEach(() => {
  useDownloads.setState({ byName: {} });
  useApp.setState({ models: list, settings: { model: "tiny.en" } as Settings });
});
afterEach(() => {
  cleanup();
  clearMocks();
});

describe("ModelManager", () => {
  it("shows download progress in MB and percent, and cancels", async () => {
    const ipc = fakeManager();
    render(<ModelManager onChooseModel={async () => {}} />);
    expect(screen.getAllByTestId("model-row")).toHaveLength(9);
    fireEvent.click(within(row("base.en-q5_1")).getByTestId("model-download"));
    await waitFor(() => expect(ipc.calls.some((c) => c.cmd === "download_model")).toBe(true));
    expect(ipc.calls.find((c) => c.cmd === "download_model")!.args).toEqual({ name: "base.en-q5_1" });

    await act(() => emit("model-progress", { name: "base.en-q5_1", stage: "download", done: 29_860_505, total: 59_721_011 }));
    // Another model's progress must not move this bar.
    await act(() => emit("model-progress", { name: "small.en", stage: "download", done: 1, total: 2 }));
    const progress = within(row("base.en-q5_1")).getByTestId("model-progress");
    expect(progress.textContent).toContain("29.9 MB of 59.7 MB — 49 %");
    expect(within(progress).getByRole("progressbar").getAttribute("aria-valuenow")).toBe("50");

    fireEvent.click(within(row("base.en-q5_1")).getByTestId("model-cancel"));
    await waitFor(() => expect(screen.getByText("Download cancelled.")).toBeTruthy());
    expect(ipc.calls.find((c) => c.cmd === "cancel_download")!.args).toEqual({ name: "base.en-q5_1" });
    expect(screen.queryByTestId("model-progress")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows why a download failed", async () => {
    const ipc = fakeManager();
    render(<ModelManager onChooseModel={async () => {}} />);
    fireEvent.click(within(row("small.en-q8_0")).getByTestId("model-download"));
    await waitFor(() => expect(ipc.calls.some((c) => c.cmd === "download_model")).toBe(true));
    await act(async () => ipc.finish(false, "could not reach the model server: network is unreachable"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The download of small.en-q8_0 did not finish: could not reach the model server");
  });

  it("chooses an installed model and asks before deleting one", async () => {
    const two = { ...list, models: list.models.map((m) => (m.name === "base.en" ? { ...m, installed: true } : m)) };
    const ipc = fakeManager(two);
    const chosen: string[] = [];
    useApp.setState({ models: two });
    render(<ModelManager onChooseModel={async (n) => void chosen.push(n)} />);
    const tiny = within(row("tiny.en")).getByRole("radio") as HTMLInputElement;
    expect(tiny.checked).toBe(true);
    expect((within(row("tiny.en-q5_1")).getByRole("radio") as HTMLInputElement).disabled).toBe(true);
    // The model in use cannot be deleted.
    expect((within(row("tiny.en")).getByRole("button", { name: "Delete tiny.en" }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(row("base.en")).getByRole("radio"));
    await waitFor(() => expect(chosen).toEqual(["base.en"]));

    fireEvent.click(within(row("base.en")).getByRole("button", { name: "Delete base.en" }));
    expect(ipc.calls.some((c) => c.cmd === "delete_model")).toBe(false);
    fireEvent.click(within(row("base.en")).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(ipc.calls.find((c) => c.cmd === "delete_model")?.args).toEqual({ name: "base.en" }));
  });
});
