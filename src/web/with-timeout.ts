/**
 * Settles like `p`, or rejects with "timed out after <ms> ms" once `ms` have passed (the timer is then
 * cleared either way). Platform-neutral: the server's health probe and the dashboard's browser script
 * (Teams' initialize/getAuthToken, which never settle outside Teams) both use it.
 */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
