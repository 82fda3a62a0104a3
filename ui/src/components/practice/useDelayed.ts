// Calm loading states: show "loading" only when it lasts longer than a moment.
import { useEffect, useState } from "react";

/** `value`, but only once it has been true for `ms` milliseconds; false at once when it turns false. */
export function useDelayed(value: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!value) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return value && shown;
}
