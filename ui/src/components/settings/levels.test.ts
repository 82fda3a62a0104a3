import { dbToPercent, formatDb, formatTransfer, levelVerdict, stageLabel, transferPercent } from "./levels";

describe("levels", () => {
  it("maps dBFS linearly onto the meter", () => {
    expect(dbToPercent(-60)).toBe(0);
    expect(dbToPercent(-90)).toBe(0);
    expect(dbToPercent(-30)).toBe(50);
    expect(dbToPercent(0)).toBe(100);
    expect(dbToPercent(3)).toBe(100);
    expect(dbToPercent(Number.NEGATIVE_INFINITY)).toBe(0);
  });
  it("formats levels with a real minus sign", () => {
    expect(formatDb(-23.4)).toBe("−23 dBFS");
    expect(formatDb(-0.2)).toBe("0 dBFS");
    expect(formatDb(-75)).toBe("silence");
  });
  it("says what a level means", () => {
    expect(levelVerdict(-70)).toMatch(/no sound/);
    expect(levelVerdict(-45)).toMatch(/quiet/);
    expect(levelVerdict(-25)).toBe("a good speaking level");
    expect(levelVerdict(-6)).toMatch(/loud/);
  });
});

describe("transfers", () => {
  it("shows MB and percent", () => {
    expect(formatTransfer(12_345_678, 77_704_698)).toBe("12.3 MB of 77.7 MB — 15 %");
    expect(formatTransfer(77_704_698, 77_704_698)).toBe("77.7 MB of 77.7 MB — 100 %");
    expect(formatTransfer(5_000_000, null)).toBe("5.0 MB");
    expect(transferPercent(1, 4)).toBe(25);
    expect(transferPercent(1, null)).toBeNull();
  });
  it("names stages", () => {
    expect(stageLabel("download")).toBe("Downloading");
    expect(stageLabel("unpack")).toBe("Unpack");
  });
});
