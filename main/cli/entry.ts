/** Built to out/main/cli.js; bin/matterline.js loads it. */
import { main } from './index';

await main();
