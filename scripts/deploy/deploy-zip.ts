// The zip `atk deploy` uploads to App Service (azureAppService/zipDeploy with artifactFolder "."
// and ignoreFile ./infra/.webappignore), built here so it can be inspected and tested.
//
// The Agents Toolkit walks the artifact folder with klaw and keeps every file whose path relative
// to the folder `ignore` (the npm package, gitignore rules) does not ignore
// (packages/fx-core, driver/deploy, zipFolderAsync). This does the same with the same package;
// folders are tested with a trailing slash and skipped whole, which leaves out exactly the files
// the Toolkit's per-file test leaves out (a file below an ignored folder is ignored) without
// reading node_modules.
import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { createZip, type ZipEntry } from '../app-package/zip';

export const WEBAPP_IGNORE = 'infra/.webappignore';

/** Paths (with `/`) of the files the deployment carries, sorted. */
export function deployFiles(artifactFolder: string, ignoreText: string): string[] {
  const ignored = ignore().add(ignoreText);
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(artifactFolder, relative), { withFileTypes: true })) {
      const item = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!ignored.ignores(`${item}/`)) walk(item);
      } else if (entry.isFile() && !ignored.ignores(item)) {
        files.push(item);
      }
    }
  };
  walk('');
  return files.sort();
}

/** Writes the deployment zip of `repoRoot` to `zipPath` and returns its entry names. */
export function writeDeployZip(repoRoot: string, zipPath: string): string[] {
  const names = deployFiles(repoRoot, fs.readFileSync(path.join(repoRoot, WEBAPP_IGNORE), 'utf8'));
  const entries: ZipEntry[] = names.map((name) => ({ name, data: fs.readFileSync(path.join(repoRoot, name)) }));
  fs.mkdirSync(path.dirname(zipPath), { recursive: true });
  fs.writeFileSync(zipPath, createZip(entries));
  return names;
}
