import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { Shortcuts } from "./Shortcuts";

afterEach(cleanup);

describe("Shortcuts", () => {
  it("opens on ? and closes on Escape, returning the focus", () => {
    render(
      <>
        <button type="button">elsewhere</button>
        <Shortcuts />
      </>,
    );
    const elsewhere = screen.getByRole("button", { name: "elsewhere" });
    elsewhere.focus();
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.keyDown(elsewhere, { key: "?" });
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog.textContent).toContain("Start or stop answering");
    expect(document.activeElement?.textContent).toContain("Close");
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(elsewhere);
  });

  it("keeps screen shortcuts quiet while it is open, and ignores ? typed in a field", () => {
    const screenKeys = vi.fn();
    window.addEventListener("keydown", screenKeys);
    render(
      <>
        <input aria-label="search" />
        <Shortcuts />
      </>,
    );
    fireEvent.keyDown(screen.getByLabelText("search"), { key: "?" });
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.keyDown(document.body, { key: "?" });
    expect(screen.getByRole("dialog")).toBeTruthy();
    screenKeys.mockClear();
    fireEvent.keyDown(document.activeElement!, { key: "r" });
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screenKeys).not.toHaveBeenCalled();
    window.removeEventListener("keydown", screenKeys);
  });
});
