import { z } from 'zod';

/** A DNS label: the app's own origin is `<appId>.<apps domain>`. */
export const AppIdSchema = z.string().regex(/^mp[a-z0-9]{10}$/, 'Not an app id');
