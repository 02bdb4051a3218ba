// `npm run package:deploy`: builds the bot, then writes .deployment/app-service.zip, the same
// files `atk deploy` sends to App Service (infra/.webappignore applied). test/deploy/deploy-zip.test.ts
// installs and starts such a zip in an empty folder.
import path from 'node:path';
import { writeDeployZip } from './deploy/deploy-zip';

const repoRoot = path.resolve(__dirname, '..');
const zipPath = path.join(repoRoot, '.deployment', 'app-service.zip');
const names = writeDeployZip(repoRoot, zipPath);
if (!names.includes('dist/src/index.js')) {
  console.error(`${path.relative(process.cwd(), zipPath)} holds no dist/src/index.js: run "npm run build" and check infra/.webappignore`);
  process.exitCode = 1;
} else {
  console.log(`wrote ${path.relative(process.cwd(), zipPath)}: ${names.length} files`);
}
