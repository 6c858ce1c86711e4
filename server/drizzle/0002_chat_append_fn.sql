-- The one way a message is stored (user sends and server-made lines alike). One call = one round trip, atomic.
--  * a retried send (same sender + client_msg_id) returns the stored message ("created": false);
--  * user sends are checked here, under the same snapshot as the write: active membership, and for direct chats
--    friendship and blocks; @mentions are narrowed to active members (groups only);
--  * the seq comes from conversations.last_seq, bumped by UPDATE: the row lock orders concurrent senders and a
--    failed call gives the seq back, so seqs are strictly increasing with no gaps;
--  * the sender has read everything up to their own message;
--  * returns the active member ids for delivery.
-- Refusals raise SQLSTATE 'SA4xx' with the shared error code as the message; a lost race on the unique
-- (sender_id, client_msg_id) raises 'SA409' so the caller re-reads the winner.
CREATE OR REPLACE FUNCTION chat_append_message(
  p_conversation_id uuid,
  p_sender_id uuid,
  p_client_msg_id uuid,
  p_kind text,
  p_body jsonb,
  p_mentions uuid[]
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_type text;
  v_seq bigint;
  v_msg messages%ROWTYPE;
  v_peer uuid;
  v_members uuid[];
BEGIN
  IF p_sender_id IS NOT NULL AND p_client_msg_id IS NOT NULL THEN
    SELECT * INTO v_msg FROM messages WHERE sender_id = p_sender_id AND client_msg_id = p_client_msg_id;
    IF FOUND THEN
      IF v_msg.conversation_id <> p_conversation_id THEN
        RAISE EXCEPTION 'conflict' USING ERRCODE = 'SA410';
      END IF;
      RETURN jsonb_build_object('message', to_jsonb(v_msg), 'created', false);
    END IF;
  END IF;

  SELECT type INTO v_type FROM conversations WHERE id = p_conversation_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not_found' USING ERRCODE = 'SA404';
  END IF;

  IF p_sender_id IS NOT NULL THEN
    PERFORM 1 FROM conversation_members
      WHERE conversation_id = p_conversation_id AND user_id = p_sender_id AND left_at IS NULL;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'not_member' USING ERRCODE = 'SA403';
    END IF;
    IF v_type = 'service' THEN
      RAISE EXCEPTION 'forbidden' USING ERRCODE = 'SA403';
    END IF;
    IF v_type = 'direct' THEN
      SELECT user_id INTO v_peer FROM conversation_members
        WHERE conversation_id = p_conversation_id AND user_id <> p_sender_id;
      PERFORM 1 FROM blocks
        WHERE (blocker_id = p_sender_id AND blocked_id = v_peer) OR (blocker_id = v_peer AND blocked_id = p_sender_id);
      IF FOUND THEN
        RAISE EXCEPTION 'blocked' USING ERRCODE = 'SA403';
      END IF;
      PERFORM 1 FROM friendships WHERE user_id = p_sender_id AND friend_id = v_peer;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'not_friends' USING ERRCODE = 'SA403';
      END IF;
    END IF;
  END IF;

  IF v_type = 'group' AND p_mentions IS NOT NULL THEN
    SELECT array_agg(DISTINCT m.user_id) INTO p_mentions FROM conversation_members m
      WHERE m.conversation_id = p_conversation_id AND m.left_at IS NULL AND m.user_id = ANY (p_mentions);
  ELSE
    p_mentions := NULL;
  END IF;

  UPDATE conversations SET last_seq = last_seq + 1, updated_at = now()
    WHERE id = p_conversation_id RETURNING last_seq INTO v_seq;

  INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, kind, body, mentions)
    VALUES (p_conversation_id, v_seq, p_sender_id, p_client_msg_id, p_kind, p_body, p_mentions)
    ON CONFLICT (sender_id, client_msg_id) DO NOTHING
    RETURNING * INTO v_msg;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'duplicate_send' USING ERRCODE = 'SA409';
  END IF;

  IF p_sender_id IS NOT NULL THEN
    UPDATE conversation_members SET last_read_seq = v_seq
      WHERE conversation_id = p_conversation_id AND user_id = p_sender_id;
  END IF;

  SELECT coalesce(array_agg(user_id), '{}') INTO v_members FROM conversation_members
    WHERE conversation_id = p_conversation_id AND left_at IS NULL;

  RETURN jsonb_build_object('message', to_jsonb(v_msg), 'members', to_jsonb(v_members), 'created', true);
END;
$$;
