import { isErrorCode, type ErrorCode } from '@app/shared';
import { sql } from 'drizzle-orm';
import { CHECK_VIOLATION, databaseErrorOf } from '../platform/db-errors';
import { AppError } from '../platform/errors';
import type { Db } from '../schema';
import type { RedPacketRow } from './redpackets.tables';

const UNIQUE_VIOLATION = '23505';

const REFUSALS: Partial<Record<ErrorCode, string>> = {
  not_found: 'No such red packet',
  forbidden: 'This red packet is not for you',
  redpacket_expired: 'This red packet has expired',
  redpacket_already_claimed: 'You already opened this red packet',
  redpacket_empty: 'Too late: every share has been taken',
};

export interface ClaimedShare {
  packet: RedPacketRow;
  amountFen: number;
  /** Claimed shares and fen right after this claim (the last winner sees them all). */
  claimedShares: number;
  claimedFen: number;
}

/**
 * Claims one share through `redpacket_claim` (migration 0009): the access checks, the SKIP LOCKED pick and the
 * journal entry happen in one atomic call — one round trip for winners and losers alike. Refusals come back as
 * AppErrors with the shared codes.
 */
export async function claimShare(
  db: Db,
  claim: { userId: string; packetId: string; now: Date },
): Promise<ClaimedShare> {
  let result: unknown;
  try {
    result = await db.execute(
      sql`select redpacket_claim(${claim.packetId}::uuid, ${claim.userId}::uuid, ${claim.now.toISOString()}::timestamptz) as r`,
    );
  } catch (err) {
    const pgError = databaseErrorOf(err);
    // A concurrent duplicate claim by the same person lost on the unique (packet, claimer) index.
    if (pgError?.code === UNIQUE_VIOLATION)
      throw new AppError('redpacket_already_claimed', REFUSALS.redpacket_already_claimed!);
    if (pgError?.code === CHECK_VIOLATION) throw new AppError('insufficient_funds', 'Not enough money in the wallet');
    throw err;
  }
  const r = (result as { rows: Array<{ r: ClaimResult | { refused: string } }> }).rows[0]!.r;
  if ('refused' in r) {
    const code = isErrorCode(r.refused) ? r.refused : 'internal';
    throw new AppError(code, REFUSALS[code] ?? code);
  }
  return {
    packet: packetFromJson(r.packet),
    amountFen: Number(r.amountFen),
    claimedShares: r.claimedShares,
    claimedFen: Number(r.claimedFen),
  };
}

interface ClaimResult {
  packet: Record<string, unknown>;
  amountFen: number | string;
  claimedShares: number;
  claimedFen: number | string;
}

/** A red_packets row as `to_jsonb` renders it (snake_case, timestamps as text). */
function packetFromJson(j: Record<string, unknown>): RedPacketRow {
  return {
    id: j.id as string,
    senderId: j.sender_id as string,
    conversationId: j.conversation_id as string,
    type: j.type as RedPacketRow['type'],
    totalFen: Number(j.total_fen),
    shares: Number(j.shares),
    greeting: j.greeting as string,
    recipientId: (j.recipient_id as string | null) ?? null,
    createdAt: new Date(j.created_at as string),
    expiresAt: new Date(j.expires_at as string),
    refundedAt: j.refunded_at ? new Date(j.refunded_at as string) : null,
  };
}
