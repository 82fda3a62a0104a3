// Keyboard shortcuts must not fire while the user types or while a dialog has the focus.

/** True when a key press belongs to a text field, a menu or an open dialog, not to a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("[role=dialog], dialog")) return true;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["button", "checkbox", "radio", "submit", "reset", "range"].includes(type);
  }
  return false;
}

/** A plain key press: no Ctrl/Alt/Meta (Shift is allowed for "?"). */
export function isPlainKey(e: KeyboardEvent): boolean {
  return !e.ctrlKey && !e.altKey && !e.metaKey && !e.repeat && !e.defaultPrevented;
}
