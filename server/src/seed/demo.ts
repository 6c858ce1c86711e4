import { eq } from 'drizzle-orm';
import type { AuthService } from '../auth/auth.service';
import type { Db } from '../schema';
import { countUsers } from '../users/users.repo';
import { users } from '../users/users.tables';

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: 'user' | 'admin';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'alice', password: 'demo-pass-123', displayName: 'Alice 爱丽丝', role: 'user' },
  { username: 'bob', password: 'demo-pass-123', displayName: 'Bob 鲍勃', role: 'user' },
  { username: 'carol', password: 'demo-pass-123', displayName: 'Carol 卡罗尔', role: 'user' },
  { username: 'admin', password: 'admin-pass-123', displayName: 'Admin 管理员', role: 'admin' },
];

export interface SeedResult {
  created: boolean;
  accounts: DemoAccount[];
}

/** Seeds the demo accounts once, on an empty database only; never touches a database that has users. */
export async function seedDemoData(db: Db, auth: AuthService): Promise<SeedResult> {
  if ((await countUsers(db)) > 0) return { created: false, accounts: DEMO_ACCOUNTS };
  for (const account of DEMO_ACCOUNTS) {
    const { user } = await auth.register({
      username: account.username,
      password: account.password,
      displayName: account.displayName,
    });
    if (account.role !== 'user') await db.update(users).set({ role: account.role }).where(eq(users.id, user.id));
  }
  return { created: true, accounts: DEMO_ACCOUNTS };
}
