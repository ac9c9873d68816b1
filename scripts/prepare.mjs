// `prepare` (run by `npm ci` and `npm install` in the project): builds the web app now, so that
// `npm start` only starts. Skipped, with a word, when the build tools are not installed (an
// install without devDependencies serves a web/dist built elsewhere).
import { buildWebIfStale, canBuildWeb } from './web-build.mjs';

if (process.env.HOMEWARD_SKIP_WEB_BUILD === '1') process.exit(0);
if (!canBuildWeb()) {
  console.log('[homeward] The web app is not built at install: vite is not installed (devDependencies omitted).');
  process.exit(0);
}
process.exit(buildWebIfStale());
