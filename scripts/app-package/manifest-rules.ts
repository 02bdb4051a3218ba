// Checks the schemas cannot express: which files the package needs, whether each localization
// file translates every command, and that validDomains holds bare host names.
import type { JsonValue } from './placeholders';

export interface PackageFiles {
  icons: { role: 'color' | 'outline'; file: string }[];
  localizations: { languageTag: string; file: string }[];
}

type JsonObject = { [key: string]: JsonValue };

function asObject(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The files manifest.json refers to, by the names it uses (relative to appPackage/). */
export function packageFiles(manifest: JsonValue): PackageFiles {
  const icons = asObject(asObject(manifest)['icons']);
  const info = asObject(asObject(manifest)['localizationInfo']);
  return {
    icons: (['color', 'outline'] as const).flatMap((role) => {
      const file = asString(icons[role]);
      return file === undefined ? [] : [{ role, file }];
    }),
    localizations: asArray(info['additionalLanguages']).flatMap((entry) => {
      const languageTag = asString(asObject(entry)['languageTag']);
      const file = asString(asObject(entry)['file']);
      return languageTag === undefined || file === undefined ? [] : [{ languageTag, file }];
    }),
  };
}

/** A file name that stays inside appPackage/ and makes a safe zip entry name. */
export function isPackagePath(file: string): boolean {
  return file !== '' && !file.startsWith('/') && !file.includes('\\') && !file.split('/').includes('..');
}

/** Localization keys of every bot command's title and description, e.g. bots[0].commandLists[1].commands[2].title. */
export function commandKeys(manifest: JsonValue): string[] {
  return asArray(asObject(manifest)['bots']).flatMap((bot, b) =>
    asArray(asObject(bot)['commandLists']).flatMap((list, l) =>
      asArray(asObject(list)['commands']).flatMap((command, c) => {
        const prefix = `bots[${b}].commandLists[${l}].commands[${c}]`;
        const fields = ['title', 'description'].filter((field) => asString(asObject(command)[field]) !== undefined);
        return fields.map((field) => `${prefix}.${field}`);
      }),
    ),
  );
}

/**
 * Commands are what a user picks and what the bot then receives as text, so a language that
 * translates some commands and not others shows a half-English menu: every one must be there.
 */
export function localizationGaps(manifest: JsonValue, localization: JsonValue, file: string): string[] {
  const strings = asObject(localization);
  const missing = commandKeys(manifest).filter((key) => !asString(strings[key])?.trim());
  const stale = Object.keys(strings).filter((key) => key.startsWith('bots[') && !commandKeys(manifest).includes(key));
  return [
    ...missing.map((key) => `${file}: no translation for ${key}`),
    ...stale.map((key) => `${file}: ${key} translates a command the manifest does not have`),
  ];
}

/** Teams wants host names in validDomains: "bot.contoso.com", not "https://bot.contoso.com/". */
export function validDomainProblems(manifest: JsonValue): string[] {
  return asArray(asObject(manifest)['validDomains']).flatMap((domain) => {
    const text = asString(domain) ?? '';
    return /^[a-z]+:\/\/|\//i.test(text) ? [`validDomains: "${text}" must be a host name without scheme or path`] : [];
  });
}
