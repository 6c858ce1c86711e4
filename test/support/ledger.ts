import { expect } from 'vitest';
import type { App } from '@app/server/app';
import { checkLedger } from '@app/server/wallet/wallet.ledger';

/**
 * DESIGN §5's invariants over the whole database: Σ balances = 0, every balance = Σ its journal lines, no overdraft,
 * every entry balanced. Every money test file ends with this.
 */
export async function expectLedgerBalanced(app: App): Promise<void> {
  expect(await checkLedger(app.database.db)).toMatchObject({
    ok: true,
    sumFen: 0,
    mismatches: [],
    negative: [],
    unbalancedEntries: [],
  });
}
