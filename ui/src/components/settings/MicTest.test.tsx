import { useState } from "react";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { InputDevice } from "../../types";
import { MicTest } from "./MicTest";

const usb: InputDevice = { name: "USB microphone", id: "hw:1,0", is_default: false, default_rate: 48000, channels: 1, sample_format: "i16" };

function fakeMic(devices: InputDevice[] | string) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
      if (cmd === "list_input_devices") {
        if (typeof devices === "string") throw devices;
        return devices;
      }
      if (cmd === "mic_test_start" || cmd === "mic_test_stop") return null;
      throw `unexpected command ${cmd}`;
    },
    { shouldMockEvents: true },
  );
  return calls;
}

function Harness() {
  const [device, setDevice] = useState<string | null>(null);
  return <MicTest device={device} onDeviceChange={setDevice} />;
}

const level = (rms_db: number, clipped = false) =>
  act(() => emit("mic-level", { rms_db, peak_db: rms_db + 6, clipped, elapsed_s: 1 }));

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("MicTest", () => {
  it("opens the chosen device, shows the level in words and releases it on leaving", async () => {
    const calls = fakeMic([usb]);
    const { unmount } = render(<Harness />);
    await screen.findByRole("option", { name: "USB microphone" });
    fireEvent.change(screen.getByLabelText("Input device"), { target: { value: "hw:1,0" } });
    fireEvent.click(screen.getByTestId("mic-test"));
    await waitFor(() => expect(screen.getByTestId("mic-test").textContent).toContain("Stop test"));
    expect(calls.find((c) => c.cmd === "mic_test_start")!.args).toEqual({ device: "hw:1,0" });

    await level(-30);
    const meter = screen.getByTestId("mic-test-meter");
    expect((meter.firstElementChild as HTMLElement).style.width).toBe("50%");
    expect(screen.getByText("−30 dBFS — a good speaking level")).toBeTruthy();
    expect(meter.getAttribute("aria-valuenow")).toBe("-30");

    await level(-1, true);
    expect(screen.getByText(/Clipping: too loud/)).toBeTruthy();

    unmount();
    await waitFor(() => expect(calls.some((c) => c.cmd === "mic_test_stop")).toBe(true));
  });

  it("stops when the user presses stop, and ignores later levels", async () => {
    const calls = fakeMic([usb]);
    render(<Harness />);
    await screen.findByRole("option", { name: "USB microphone" });
    fireEvent.click(screen.getByTestId("mic-test"));
    await waitFor(() => expect(screen.getByTestId("mic-test").getAttribute("aria-pressed")).toBe("true"));
    expect(calls.find((c) => c.cmd === "mic_test_start")!.args).toEqual({ device: null });
    fireEvent.click(screen.getByTestId("mic-test"));
    await waitFor(() => expect(calls.some((c) => c.cmd === "mic_test_stop")).toBe(true));
    await level(-10);
    expect((screen.getByTestId("mic-test-meter").firstElementChild as HTMLElement).style.width).toBe("0%");
  });

  it("says plainly when there is no microphone", async () => {
    fakeMic([]);
    render(<Harness />);
    expect(await screen.findByText(/No microphone found. Plug one in/)).toBeTruthy();
    expect((screen.getByTestId("mic-test") as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows why the devices could not be listed", async () => {
    fakeMic("ALSA: cannot open the audio system");
    render(<Harness />);
    expect((await screen.findByRole("alert")).textContent).toContain("ALSA: cannot open the audio system");
  });
});
