import { onScopeDispose, watch, type Ref } from 'vue';

/** Default minutes without use before the app locks (the platform may set another value). */
export const DEFAULT_LOCK_MINUTES = 10;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Locks after `minutes` without any touch, click or key, and when the app
 * comes back from the background after that long. Active only while
 * `enabled` (a protected, unlocked device).
 */
export function useAutoLock(enabled: Ref<boolean>, minutes: Ref<number>, lock: () => void): void {
  let lastActivity = Date.now();
  let hiddenAt: number | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  const delay = () => Math.max(0.05, minutes.value) * 60_000;
  const onActivity = () => {
    lastActivity = Date.now();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') hiddenAt = Date.now();
    else if (hiddenAt !== null && Date.now() - hiddenAt >= delay()) lock();
    else onActivity();
  };
  const check = () => {
    if (Date.now() - lastActivity >= delay()) lock();
  };

  function stop(): void {
    clearInterval(timer);
    for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity);
    document.removeEventListener('visibilitychange', onVisibility);
  }

  watch(
    enabled,
    (on) => {
      stop();
      if (!on) return;
      lastActivity = Date.now();
      for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity, { passive: true });
      document.addEventListener('visibilitychange', onVisibility);
      timer = setInterval(check, Math.min(15_000, delay() / 4));
    },
    { immediate: true },
  );
  onScopeDispose(stop);
}
