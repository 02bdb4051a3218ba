// Android reports osVersion as "7.0", "7", "6.0.1", "13 (TP1A)" and, now and then, "" or noise.

export interface OsVersion {
  major: number;
  minor: number;
}

/** The leading major[.minor] of a version string, or null when it does not start with a number. */
export function parseOsVersion(text: string | null | undefined): OsVersion | null {
  const match = /^\s*(\d+)(?:\.(\d+))?/.exec(text ?? '');
  if (!match) return null;
  return { major: Number(match[1]), minor: match[2] === undefined ? 0 : Number(match[2]) };
}

export function isAtLeast(version: OsVersion, major: number, minor = 0): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}
