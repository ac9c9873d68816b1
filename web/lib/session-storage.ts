import { useCallback, useEffect, useState } from 'react';

/**
 * Working state that must survive a reload but not leave the tab: the case-list filters may hold
 * a returnee's name, which must never go into a URL (history, logs, referrers). sessionStorage is
 * per tab and cleared when the tab closes; sign-out clears it too.
 */
const PREFIX = 'homeward.';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function useSessionState<T>(key: string, initial: T): [T, (value: T | ((previous: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => read(key, initial));
  useEffect(() => {
    try {
      sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the state still lives in memory.
    }
  }, [key, value]);
  const set = useCallback((next: T | ((previous: T) => T)) => setValue(next), []);
  return [value, set];
}

export function clearWorkingState(): void {
  try {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
    }
  } catch {
    // Nothing to clear.
  }
}

const signOutListeners = new Set<() => Promise<void> | void>();

/** Work kept in the browser beyond this tab (the offline store) registers here to be erased at sign-out. */
export function onSignOut(listener: () => Promise<void> | void): () => void {
  signOutListeners.add(listener);
  return () => signOutListeners.delete(listener);
}

export async function runSignOutListeners(): Promise<void> {
  await Promise.all([...signOutListeners].map(async (l) => {
    try {
      await l();
    } catch {
      // Erasing is best effort: one failure does not keep the others.
    }
  }));
}
