// `prepare` (run by `npm ci` and `npm install` in the project): builds the server and the web app
// now, so that `npm start` only starts. The web app's build is skipped, with a word, when its
// tools are not installed (an install without devDependencies serves a web/dist built elsewhere).
import { buildServerIfStale } from './server-build.mjs';
import { buildWebIfStale, canBuildWeb } from './web-build.mjs';

await buildServerIfStale();
if (!canBuildWeb()) {
  console.log('[homeward] The web app is not built at install: vite is not installed (devDependencies omitted).');
  process.exit(0);
}
process.exit(buildWebIfStale());
