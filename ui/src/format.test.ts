import { formatBytes, formatDuration } from "./format";

describe("formatBytes", () => {
  it("uses decimal units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(77_691_713)).toBe("77.7 MB");
    expect(formatBytes(1_500_000_000)).toBe("1.5 GB");
  });
  it("rejects nonsense", () => {
    expect(formatBytes(-1)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("formats minutes and seconds", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(85.09)).toBe("1:25");
    expect(formatDuration(600)).toBe("10:00");
  });
});
