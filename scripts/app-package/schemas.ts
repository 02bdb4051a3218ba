// The Teams manifest and localization schemas (draft-04), compiled once per manifest version.
// They come from @microsoft/app-manifest (npm), which ships every published schema version in
// build/json-schemas/teams/v<version>/: nothing is read from outside the repository.
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';

export type SchemaCheck = (document: unknown) => string[];

export interface TeamsSchemas {
  manifest: SchemaCheck;
  localization: SchemaCheck;
}

export const MANIFEST_SCHEMA = 'MicrosoftTeams.schema.json';
export const LOCALIZATION_SCHEMA = 'MicrosoftTeams.Localization.schema.json';

const cache = new Map<string, TeamsSchemas>();

/**
 * The folder of @microsoft/app-manifest with the schemas of one manifest version ("1.29"), or
 * undefined when the package has none (a typo, or a version newer than the installed package).
 */
export function teamsSchemaDir(manifestVersion: string): string | undefined {
  if (!/^\d+\.\d+$/.test(manifestVersion)) return undefined;
  const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const dir = path.join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`);
  return fs.existsSync(path.join(dir, MANIFEST_SCHEMA)) ? dir : undefined;
}

export function teamsSchemas(manifestVersion: string): TeamsSchemas {
  const cached = cache.get(manifestVersion);
  if (cached) return cached;
  const dir = teamsSchemaDir(manifestVersion);
  if (!dir) throw new Error(`@microsoft/app-manifest has no schema for manifest version "${manifestVersion}"`);
  const schemas = {
    manifest: compile(path.join(dir, MANIFEST_SCHEMA)),
    localization: compile(path.join(dir, LOCALIZATION_SCHEMA)),
  };
  cache.set(manifestVersion, schemas);
  return schemas;
}

/**
 * Options, and why:
 * - `unicodeRegExp: false`: two localization schema patterns (activityTypes) close a bracket with
 *   an unescaped `]`, which a regular expression with the `u` flag rejects as a lone bracket;
 * - `strictTypes: false`: the manifest schema puts `additionalProperties`, `maxItems` and
 *   `minimum` beside no `type` in a few places — harmless, but strictTypes would log each one;
 * - format `uri` (used by `$schema`) is checked with URL.canParse, as ajv-formats is no dependency.
 * Any other warning fails, so a schema update that ajv does not understand is noticed.
 */
function compile(file: string): SchemaCheck {
  const warnings: string[] = [];
  const collect = (message: string): void => void warnings.push(message);
  const ajv = new Ajv({
    allErrors: true,
    unicodeRegExp: false,
    strictTypes: false,
    logger: { log: () => undefined, warn: collect, error: collect },
  });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  const validate: ValidateFunction = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
  if (warnings.length > 0) throw new Error(`${path.basename(file)} compiled with warnings: ${warnings.join('; ')}`);
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map(describe));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const detail = 'additionalProperty' in error.params ? ` "${String(error.params['additionalProperty'])}"` : '';
  return `${where} ${error.message ?? error.keyword}${detail}`;
}
