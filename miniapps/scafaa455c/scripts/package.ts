/** `pnpm --filter @app/miniapp-scafaa455c package` → dist/scafaa455c.zip (the page + miniapp.json), ready for the registry. */
import { packageCli } from '@app/miniapp-sdk/package';

packageCli({ root: new URL('..', import.meta.url) });
