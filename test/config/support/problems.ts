import { ConfigError, loadConfig } from '../../../src/config';

/** The problems loadConfig lists for `env` (none when it loads). */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
