CREATE TABLE "red_packet_shares" (
	"packet_id" uuid NOT NULL,
	"idx" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone,
	CONSTRAINT "red_packet_shares_amount" CHECK ("red_packet_shares"."amount_fen" >= 1)
);
--> statement-breakpoint
CREATE TABLE "red_packets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sender_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"type" text NOT NULL,
	"total_fen" bigint NOT NULL,
	"shares" integer NOT NULL,
	"greeting" text NOT NULL,
	"recipient_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "red_packets_total" CHECK ("red_packets"."total_fen" between 1 and 20000),
	CONSTRAINT "red_packets_shares" CHECK ("red_packets"."shares" between 1 and 100 and "red_packets"."total_fen" >= "red_packets"."shares")
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_user_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "transfers_amount_positive" CHECK ("transfers"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "red_packet_shares" ADD CONSTRAINT "red_packet_shares_packet_id_red_packets_id_fk" FOREIGN KEY ("packet_id") REFERENCES "public"."red_packets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_packet_shares" ADD CONSTRAINT "red_packet_shares_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_packets" ADD CONSTRAINT "red_packets_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_packets" ADD CONSTRAINT "red_packets_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "red_packets" ADD CONSTRAINT "red_packets_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "red_packet_shares_pk" ON "red_packet_shares" USING btree ("packet_id","idx");--> statement-breakpoint
CREATE UNIQUE INDEX "red_packet_shares_claimer_uq" ON "red_packet_shares" USING btree ("packet_id","claimed_by");--> statement-breakpoint
CREATE INDEX "red_packets_open_expiry_idx" ON "red_packets" USING btree ("expires_at") WHERE "red_packets"."refunded_at" is null;--> statement-breakpoint
CREATE INDEX "transfers_pending_expiry_idx" ON "transfers" USING btree ("expires_at") WHERE "transfers"."status" = 'pending';