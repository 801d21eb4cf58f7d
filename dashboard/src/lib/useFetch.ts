import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { throttle } from "./throttle";

/**
 * Loads data with `load` when `key` changes; `reload` loads again, throttled to once per `ms` so that a burst of
 * live events costs one request. The previous data stays shown while a reload runs.
 */
export function useFetch<T>(load: () => Promise<T>, key: string, ms = 1000) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const run = useCallback(() => {
    const mine = ++generation.current;
    loadRef.current().then(
      (d) => {
        if (mine === generation.current) {
          setData(d);
          setError(null);
        }
      },
      (e) => {
        if (mine === generation.current) setError(String(e instanceof Error ? e.message : e));
      },
    );
  }, []);

  const reload = useMemo(() => throttle(run, ms), [run, ms]);
  useEffect(() => {
    setData(null);
    run();
    return () => reload.cancel();
  }, [key, run, reload]);
  return { data, error, reload, setData };
}
