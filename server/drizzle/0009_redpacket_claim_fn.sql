-- The one way a red-packet share is claimed (DESIGN §5, ADR 0005). One call = one round trip, one transaction.
--  * the rules, in the order the API answers them: the packet exists (not_found); a 1:1 packet is only for its
--    recipient, a group packet only for active members (forbidden); not refunded and not past p_now
--    (redpacket_expired); the caller has no share yet (redpacket_already_claimed); an unclaimed share is left
--    (redpacket_empty). Losers of a finished packet stop at the last check: no lock, no write;
--  * the share is taken with FOR UPDATE SKIP LOCKED, so concurrent claimers take different shares; the unique
--    (packet_id, claimed_by) index stops a second share for a racing duplicate (23505, mapped by the caller);
--  * `claimed_at IS NULL` in the pick keeps the expiry refund race-free: the refund marks the leftover shares
--    (waiting for claims in flight), so a claim never lands after it;
--  * the money moves as a double-entry journal entry written exactly as postEntry writes it: one entry, a line per
--    account with balance_after, `balance = balance + amount` (never read-then-write), the accounts_no_overdraft
--    CHECK still guarding (23514, mapped by the caller), and the global lock order — the claimer's wallet first,
--    the shared escrow row last, so the hot row is held only for its update, one line insert and the commit;
--  * returns what the `redpacket:claimed` event needs. The counts are read after the escrow update: winners
--    serialize on that row and each earlier holder has committed, so the last winner counts every share.
-- Refusals come before any write and are returned as {"refused": "<shared error code>"}, not raised: node-postgres
-- drops a pooled connection after any query error, and 400 losers a round would each cost a reconnect.
CREATE OR REPLACE FUNCTION redpacket_claim(
  p_packet_id uuid,
  p_user_id uuid,
  p_now timestamptz
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_packet red_packets%ROWTYPE;
  v_idx integer;
  v_amount bigint;
  v_entry uuid;
  v_wallet uuid;
  v_escrow uuid;
  v_balance bigint;
  v_escrow_balance bigint;
  v_claimed_shares integer;
  v_claimed_fen bigint;
BEGIN
  SELECT * INTO v_packet FROM red_packets WHERE id = p_packet_id;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'not_found');
  END IF;

  IF v_packet.type = 'single' THEN
    IF v_packet.recipient_id IS DISTINCT FROM p_user_id THEN
      RETURN jsonb_build_object('refused', 'forbidden');
    END IF;
  ELSE
    PERFORM 1 FROM conversation_members
      WHERE conversation_id = v_packet.conversation_id AND user_id = p_user_id AND left_at IS NULL;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('refused', 'forbidden');
    END IF;
  END IF;

  IF v_packet.refunded_at IS NOT NULL OR v_packet.expires_at <= p_now THEN
    RETURN jsonb_build_object('refused', 'redpacket_expired');
  END IF;

  PERFORM 1 FROM red_packet_shares WHERE packet_id = p_packet_id AND claimed_by = p_user_id;
  IF FOUND THEN
    RETURN jsonb_build_object('refused', 'redpacket_already_claimed');
  END IF;

  SELECT idx, amount_fen INTO v_idx, v_amount FROM red_packet_shares
    WHERE packet_id = p_packet_id AND claimed_by IS NULL AND claimed_at IS NULL
    ORDER BY idx LIMIT 1
    FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'redpacket_empty');
  END IF;
  UPDATE red_packet_shares SET claimed_by = p_user_id, claimed_at = now()
    WHERE packet_id = p_packet_id AND idx = v_idx;

  -- The claimer's wallet, created on first use (as accountFor does); the escrow exists since the packet was sent.
  SELECT id INTO v_wallet FROM accounts WHERE kind = 'user' AND owner_id = p_user_id;
  IF NOT FOUND THEN
    INSERT INTO accounts (kind, owner_id) VALUES ('user', p_user_id) ON CONFLICT DO NOTHING;
    SELECT id INTO v_wallet FROM accounts WHERE kind = 'user' AND owner_id = p_user_id;
  END IF;
  SELECT id INTO STRICT v_escrow FROM accounts WHERE kind = 'escrow' AND owner_id IS NULL;

  INSERT INTO journal_entries (kind, ref_id, conversation_id)
    VALUES ('redpacket_claim', p_packet_id, v_packet.conversation_id)
    RETURNING id INTO v_entry;
  UPDATE accounts SET balance_fen = balance_fen + v_amount WHERE id = v_wallet RETURNING balance_fen INTO v_balance;
  INSERT INTO journal_lines (entry_id, account_id, amount_fen, balance_after_fen, counterparty_id)
    VALUES (v_entry, v_wallet, v_amount, v_balance, v_packet.sender_id);
  UPDATE accounts SET balance_fen = balance_fen - v_amount WHERE id = v_escrow
    RETURNING balance_fen INTO v_escrow_balance;
  INSERT INTO journal_lines (entry_id, account_id, amount_fen, balance_after_fen)
    VALUES (v_entry, v_escrow, -v_amount, v_escrow_balance);

  SELECT count(claimed_by)::int, coalesce(sum(amount_fen) FILTER (WHERE claimed_by IS NOT NULL), 0)
    INTO v_claimed_shares, v_claimed_fen
    FROM red_packet_shares WHERE packet_id = p_packet_id;

  RETURN jsonb_build_object(
    'packet', to_jsonb(v_packet),
    'amountFen', v_amount,
    'claimedShares', v_claimed_shares,
    'claimedFen', v_claimed_fen
  );
END;
$$;
