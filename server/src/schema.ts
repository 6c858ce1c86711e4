import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { adminAudit } from './admin/admin.tables';
import { credentialGuards, refreshTokens } from './auth/auth.tables';
import { conversationMembers, conversations, messages, uploads } from './chat/chat.tables';
import { blocks, friendRequests, friendships } from './friends/friends.tables';
import { redPacketShares, redPackets } from './redpackets/redpackets.tables';
import { transfers } from './transfers/transfers.tables';
import { consents, loginCodes, miniappStorage, subscriptions } from './bridge/bridge.tables';
import { bundledApps } from './bundled/bundled.tables';
import { miniappRecents, miniappVersions, miniapps } from './miniapps/miniapps.tables';
import { debitAgreements, paymentOrders, paymentRefunds, webhookEvents } from './payments/payments.tables';
import { openIds } from './openapi/openapi.tables';
import { users } from './users/users.tables';
import { accounts, idempotencyKeys, journalEntries, journalLines, walletPins } from './wallet/wallet.tables';

/** Every table of the platform, for Drizzle's relational queries and drizzle-kit. */
export const schema = {
  users,
  refreshTokens,
  credentialGuards,
  friendRequests,
  friendships,
  blocks,
  conversations,
  conversationMembers,
  messages,
  uploads,
  accounts,
  journalEntries,
  journalLines,
  walletPins,
  idempotencyKeys,
  transfers,
  redPackets,
  redPacketShares,
  miniapps,
  miniappVersions,
  loginCodes,
  consents,
  openIds,
  subscriptions,
  miniappStorage,
  miniappRecents,
  paymentOrders,
  paymentRefunds,
  debitAgreements,
  webhookEvents,
  adminAudit,
  bundledApps,
};

/** The database handle features receive: the same type for PGlite and a Postgres server. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle, usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
