// Builds appPackage/build/appPackage.<env>.zip: fill placeholders from the env file, check
// everything Teams would refuse, then zip. Problems are collected, not thrown, so one run lists
// all of them; nothing is written unless there are none.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnvFile } from './env-file';
import { iconProblems } from './icon-rules';
import { isPackagePath, localizationGaps, packageFiles, validDomainProblems, type PackageFiles } from './manifest-rules';
import { fillPlaceholders, type Filled, type JsonValue } from './placeholders';
import { teamsSchemaDir, teamsSchemas, type SchemaCheck } from './schemas';
import { createZip, type ZipEntry } from './zip';

export interface PackageOptions {
  repoRoot: string;
  /** Names the env file (env/.env.<envName>) and the zip (appPackage.<envName>.zip). */
  envName: string;
  envFile?: string;
  appDir?: string;
  outDir?: string;
}

export type PackageResult =
  | { ok: true; zipPath: string; entries: ZipEntry[] }
  | { ok: false; problems: string[] };

interface Document {
  file: string;
  filled: Filled;
  check: SchemaCheck;
}

export function buildAppPackage(options: PackageOptions): PackageResult {
  const appDir = options.appDir ?? path.join(options.repoRoot, 'appPackage');
  const envFile = options.envFile ?? path.join(options.repoRoot, 'env', `.env.${options.envName}`);
  const envLabel = labelOf(options.repoRoot, envFile);
  const env = readEnv(envFile, envLabel);
  const manifestJson = readJson(appDir, 'manifest.json');
  if (!manifestJson.ok) return { ok: false, problems: [...env.problems, manifestJson.problem] };
  const version = manifestVersionOf(manifestJson.value);
  if (!version.ok) return { ok: false, problems: [...env.problems, version.problem] };

  const schemas = teamsSchemas(version.value);
  const manifest: Document = { file: 'manifest.json', filled: fillPlaceholders(manifestJson.value, env.values), check: schemas.manifest };
  const files = packageFiles(manifest.filled.value);
  const localizations = readLocalizations(appDir, files.localizations, env.values, schemas.localization);
  const icons = readIcons(appDir, files.icons);
  const problems = [
    ...env.problems,
    ...localizations.problems,
    ...checkDocuments(manifest, localizations.documents, envLabel),
    ...icons.problems,
  ];
  if (problems.length > 0) return { ok: false, problems };

  const entries: ZipEntry[] = [
    { name: 'manifest.json', data: jsonBytes(manifest.filled.value) },
    ...icons.entries,
    ...localizations.documents.map((l) => ({ name: l.file, data: jsonBytes(l.filled.value) })),
  ];
  const outDir = options.outDir ?? path.join(appDir, 'build');
  const zipPath = path.join(outDir, `appPackage.${options.envName}.zip`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(zipPath, createZip(entries));
  return { ok: true, zipPath, entries };
}

function checkDocuments(manifest: Document, localizations: Document[], envLabel: string): string[] {
  const documents = [manifest, ...localizations];
  const unfilled = placeholderProblems(documents, envLabel);
  // A document that still holds placeholders would only repeat them as schema pattern errors.
  const schemaProblems = unfilled.length > 0 ? [] : documents.flatMap((d) => d.check(d.filled.value).map((p) => `${d.file}: ${p}`));
  return [
    ...unfilled,
    ...schemaProblems,
    ...localizations.flatMap((l) => localizationGaps(manifest.filled.value, l.filled.value, l.file)),
    ...validDomainProblems(manifest.filled.value),
  ];
}

/** The schemas follow the manifest's own `manifestVersion`, so raising it needs no other edit. */
function manifestVersionOf(manifest: JsonValue): Read<string> {
  const version = typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest) ? manifest['manifestVersion'] : undefined;
  if (typeof version !== 'string') return { ok: false, problem: 'manifest.json: manifestVersion is missing' };
  if (!teamsSchemaDir(version)) return { ok: false, problem: `manifest.json: @microsoft/app-manifest has no schema for manifestVersion "${version}"` };
  return { ok: true, value: version };
}

function readLocalizations(
  appDir: string,
  languages: PackageFiles['localizations'],
  values: ReadonlyMap<string, string>,
  check: SchemaCheck,
): { documents: Document[]; problems: string[] } {
  const documents: Document[] = [];
  const problems: string[] = [];
  for (const { file } of languages) {
    const json = readJson(appDir, file);
    if (json.ok) documents.push({ file, filled: fillPlaceholders(json.value, values), check });
    else problems.push(json.problem);
  }
  return { documents, problems };
}

/** env/.env.dev for a file of the repository, the absolute path for any other. */
function labelOf(repoRoot: string, file: string): string {
  const relative = path.relative(repoRoot, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function readEnv(envFile: string, label: string): ReturnType<typeof parseEnvFile> {
  if (!fs.existsSync(envFile)) {
    const example = `${label}.example`;
    const hint = fs.existsSync(`${envFile}.example`) ? `: copy ${example} to ${label} and fill in the values` : '';
    // Carry on with no values, so the same run also lists every placeholder that needs one.
    return { values: new Map(), problems: [`${label} not found${hint}`] };
  }
  return parseEnvFile(fs.readFileSync(envFile, 'utf8'), label);
}

function placeholderProblems(documents: Document[], envLabel: string): string[] {
  const usedBy = new Map<string, string[]>();
  for (const { file, filled } of documents) for (const name of filled.missing) usedBy.set(name, [...(usedBy.get(name) ?? []), file]);
  return [
    ...[...usedBy].map(([name, files]) => `no value for \${{${name}}} in ${envLabel} (used in ${files.join(', ')})`),
    ...documents.flatMap(({ file, filled }) => filled.malformed.map((text) => `${file}: malformed placeholder "${text}"; write \${{NAME}}`)),
  ];
}

function readIcons(appDir: string, icons: PackageFiles['icons']): { entries: ZipEntry[]; problems: string[] } {
  const entries: ZipEntry[] = [];
  const problems = icons.length < 2 ? ['manifest.json: icons.color and icons.outline are both required'] : [];
  for (const { role, file } of icons) {
    const data = readFile(appDir, file);
    if (!data.ok) {
      problems.push(data.problem);
      continue;
    }
    problems.push(...iconProblems(role, file, data.value));
    entries.push({ name: file, data: data.value });
  }
  return { entries, problems };
}

type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A file of the package: it must stay inside appPackage/, as its name becomes a zip entry name. */
function readFile(appDir: string, file: string): Read<Buffer> {
  if (!isPackagePath(file)) return { ok: false, problem: `${file}: not a plain relative path inside appPackage/` };
  const full = path.join(appDir, file);
  if (!fs.existsSync(full)) return { ok: false, problem: `${file}: not found in ${appDir}` };
  return { ok: true, value: fs.readFileSync(full) };
}

function readJson(appDir: string, file: string): Read<JsonValue> {
  const bytes = readFile(appDir, file);
  if (!bytes.ok) return bytes;
  try {
    // Some Windows editors start UTF-8 files with a byte order mark, which JSON.parse refuses.
    return { ok: true, value: JSON.parse(bytes.value.toString('utf8').replace(/^\uFEFF/, '')) as JsonValue };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { ok: false, problem: `${file}: not valid JSON (${error.message})` };
  }
}

function jsonBytes(value: JsonValue): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}
