/** Comparing VIP User Services API versions ('1.7', '1.8', '1.10'). */

/**
 * Whether `version` is `needed` or later. Versions compare as numbers part by part: as text, '1.10' would sort
 * before '1.8'. Never throws; a part that is not a number counts as 0.
 */
export function apiVersionAtLeast(version: string, needed: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [neededMajor = 0, neededMinor = 0] = needed.split('.').map(Number);
  return major > neededMajor || (major === neededMajor && minor >= neededMinor);
}
