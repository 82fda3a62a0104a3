// Loading messages appear only when loading is slow, so a quick load does not flash text.
import { useEffect, useState } from "react";

/** True once `active` has stayed true for `ms` milliseconds; false again as soon as it is not. */
export function useDelayed(active: boolean, ms = 200): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(timer);
  }, [active, ms]);
  return active && shown;
}
